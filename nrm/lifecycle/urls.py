from __future__ import annotations

from django.urls import path

from nrm.lifecycle import views

app_name = "lifecycle"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("rules/<slug:kind>/", views.rule_update, name="rule"),
    path("holds/new/", views.hold_place, name="hold_place"),
    path("holds/<int:pk>/lift/", views.hold_lift, name="hold_lift"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/export.<slug:fmt>", views.request_export, name="request_export"),
    path("requests/<int:pk>/erase/", views.request_erase, name="request_erase"),
]
