from __future__ import annotations

from django.urls import path

from nrm.screening import views

app_name = "screening"
urlpatterns = [
    path("", views.screening_list, name="list"),
    path("new/", views.screening_new, name="new"),
    path("triage/", views.triage, name="triage"),
    path("offline/", views.offline_app, name="offline"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("new/<str:context>/<str:age_group>/", views.questionnaire, name="questionnaire"),
    path("reports/", views.report_queue, name="report_queue"),
    path("reports/<str:reference>/", views.report_detail, name="report_detail"),
    path("reports/<str:reference>/assign/", views.report_assign, name="report_assign"),
    path("reports/<str:reference>/reply/", views.report_reply, name="report_reply"),
    path("reports/<str:reference>/link/", views.report_link_case, name="report_link_case"),
    path("reports/<str:reference>/status/", views.report_status, name="report_status"),
    path("<str:reference>/", views.screening_detail, name="detail"),
    path("<str:reference>/case/", views.screening_create_case, name="create_case"),
    path("<str:reference>/link/", views.screening_link_case, name="link_case"),
]
