from __future__ import annotations

from django.urls import path

from nrm.inbox import views

app_name = "inbox"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read/", views.read_all, name="read_all"),
    path("preferences/", views.preferences, name="preferences"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("<int:pk>/read/", views.read_one, name="read"),
]
