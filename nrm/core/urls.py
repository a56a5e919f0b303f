from django.urls import path

from nrm.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit, name="audit"),
    path("search/", views.search, name="search"),
    path("language/", views.set_language, name="set_language"),
    path("health/", views.health, name="health"),
    path("help/", views.help_index, name="help"),
    path("help/<slug:slug>/", views.help_page, name="help_page"),
]
