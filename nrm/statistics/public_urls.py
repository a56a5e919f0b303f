"""Public (no login) statistics, mounted under /public/statistics/."""

from django.urls import path

from nrm.statistics import views

app_name = "public_statistics"
urlpatterns = [
    path("", views.public_statistics, name="index"),
]
