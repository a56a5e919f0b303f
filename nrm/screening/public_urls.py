"""Public pages (no sign-in), mounted under /public/ by nrm/urls.py."""

from __future__ import annotations

from django.urls import path

from nrm.screening import public_views

app_name = "public"
urlpatterns = [
    path("", public_views.index, name="index"),
    path("self-check/", public_views.self_check, name="self_check"),
    path("report/", public_views.report, name="report"),
    path("report/follow-up/", public_views.follow_up, name="follow_up"),
]
