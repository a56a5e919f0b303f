from django.urls import path

from nrm.justice import views

app_name = "justice"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("figures/", views.figures, name="figures"),
    path("criminal-codes/", views.catalogue, name="catalogue"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/delete/", views.case_delete, name="delete"),
    path("<int:pk>/defendants/new/", views.defendant_add, name="defendant_add"),
    path("<int:pk>/hearings/new/", views.hearing_add, name="hearing_add"),
    path("<int:pk>/injured-parties/new/", views.injured_party_add, name="injured_party_add"),
    path("defendants/<int:pk>/edit/", views.defendant_edit, name="defendant_edit"),
    path("defendants/<int:pk>/delete/", views.defendant_delete, name="defendant_delete"),
    path("defendants/<int:pk>/charges/new/", views.charge_add, name="charge_add"),
    path("defendants/<int:pk>/charges/confirm/", views.charges_confirm, name="charges_confirm"),
    path("defendants/<int:pk>/verdicts/new/", views.verdict_add, name="verdict_add"),
    path("charges/<int:pk>/delete/", views.charge_delete, name="charge_delete"),
    path("verdicts/<int:pk>/edit/", views.verdict_edit, name="verdict_edit"),
    path("verdicts/<int:pk>/delete/", views.verdict_delete, name="verdict_delete"),
    path("hearings/<int:pk>/edit/", views.hearing_edit, name="hearing_edit"),
    path("hearings/<int:pk>/delete/", views.hearing_delete, name="hearing_delete"),
    path("injured-parties/<int:pk>/edit/", views.injured_party_edit, name="injured_party_edit"),
    path(
        "injured-parties/<int:pk>/delete/", views.injured_party_delete, name="injured_party_delete"
    ),
    path("injured-parties/<int:pk>/claims/new/", views.claim_add, name="claim_add"),
    path("claims/<int:pk>/edit/", views.claim_edit, name="claim_edit"),
    path("claims/<int:pk>/delete/", views.claim_delete, name="claim_delete"),
]
