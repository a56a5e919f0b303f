from __future__ import annotations

from django.urls import path

from nrm.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("referrals/", views.referral_inbox, name="referrals"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral"),
    path("referrals/<int:pk>/<slug:action>/", views.referral_answer, name="referral_answer"),
    path("grants/<int:pk>/decide/", views.grant_decide, name="grant_decide"),
    path("grants/<int:pk>/revoke/", views.grant_revoke, name="grant_revoke"),
    # Case codes always contain a digit, so they never collide with the words above.
    path("<str:code>/", views.case_detail, name="detail"),
    path("<str:code>/identity/", views.case_identity, name="identity"),
    path("<str:code>/edit/", views.case_edit, name="edit"),
    path("<str:code>/decide/", views.case_decide, name="decide"),
    path("<str:code>/refer/", views.referral_create, name="refer"),
    path(
        "<str:code>/refer/organisations/",
        views.refer_organisations,
        name="refer_organisations",
    ),
    path("<str:code>/services/new/", views.service_create, name="service_create"),
    path("<str:code>/stays/new/", views.stay_create, name="stay_create"),
    path("<str:code>/stays/<int:pk>/end/", views.stay_end, name="stay_end"),
    path("<str:code>/consent/", views.consent_create, name="consent"),
    path("<str:code>/guardians/new/", views.guardian_create, name="guardian_create"),
    path("<str:code>/access/", views.grant_request, name="grant_request"),
    path("<str:code>/assign/", views.case_assign, name="assign"),
    path("<str:code>/assign/<int:pk>/remove/", views.case_unassign, name="unassign"),
    path("<str:code>/plan/", views.plan_edit, name="plan"),
    path("<str:code>/plan/goals/", views.plan_goal_add, name="plan_goal_add"),
    path("<str:code>/plan/goals/<int:pk>/toggle/", views.plan_goal_toggle, name="plan_goal_toggle"),
    path("<str:code>/plan/services/", views.planned_service_add, name="planned_service_add"),
    path(
        "<str:code>/plan/services/<int:pk>/toggle/",
        views.planned_service_toggle,
        name="planned_service_toggle",
    ),
    path("<str:code>/close/", views.case_close, name="close"),
    path("<str:code>/reopen/", views.case_reopen, name="reopen"),
    path("<str:code>/notes/", views.note_add, name="note_add"),
]
