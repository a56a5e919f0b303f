"""Published bulletins for everyone (no login), mounted under /public/bulletins/."""

from django.urls import path

from nrm.bulletin import views

app_name = "public_bulletins"
urlpatterns = [
    path("", views.published_list, name="list"),
    path(
        "<str:period>/v<int:number>/<str:lang>.<str:fmt>",
        views.published_file,
        name="file",
    ),
]
