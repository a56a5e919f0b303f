from __future__ import annotations

from django.urls import path

from nrm.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("import/", views.plan_import, name="import"),
    path("<slug:key>/", views.plan_detail, name="detail"),
    path("<slug:key>/export.xlsx", views.plan_export, name="export"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/document/", views.round_document, name="document"),
    path("rounds/<int:pk>/<slug:action>/", views.round_action, name="round_action"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("published/<int:pk>/", views.published_document, name="published"),
]
