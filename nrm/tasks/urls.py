from __future__ import annotations

from django.urls import path

from nrm.tasks import views

app_name = "tasks"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("new/", views.task_create, name="create"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.task_action, name="action"),
]
