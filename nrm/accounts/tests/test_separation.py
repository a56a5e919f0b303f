"""Separation of duties: administering accounts never leads to reading victims' identities.

No one changes their own roles or organisation; account administration (the admin role, staff,
superusers) and case roles are never held together unless NRM_ALLOW_ADMIN_CASE_ROLES says so;
every change of roles or organisation is in the audit trail, with its before and after.
"""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group

from nrm.accounts import services
from nrm.accounts.models import User
from nrm.cases.services import case_create
from nrm.core.errors import ValidationError
from nrm.core.roles import Role, forget_roles, roles_of

pytestmark = pytest.mark.django_db

CONFLICT = "cannot be held together"


def _group_ids(*roles: str) -> list[int]:
    return list(Group.objects.filter(name__in=roles).values_list("pk", flat=True))


def admin_form(user: User, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "language": user.language,
        "organisation": user.organisation_id or "",
        "groups": _group_ids(*roles_of(user)),
        "is_active": "on",
    }
    data.update(changes)
    return data


def _roles_in_db(user: User) -> set[str]:
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


# Services ----------------------------------------------------------------------------------


def test_no_one_changes_their_own_roles_or_organisation(personas, orgs):
    admin = personas.admin
    with pytest.raises(ValidationError) as caught:
        services.user_update(actor=admin, user=admin, roles=[Role.ADMIN, Role.AUDITOR])
    assert caught.value.fields["roles"] == ["You cannot change your own roles."]
    with pytest.raises(ValidationError) as caught:
        services.user_update(actor=admin, user=admin, organisation=orgs.safe_house)
    assert caught.value.fields == {"organisation": ["You cannot change your own organisation."]}
    assert _roles_in_db(admin) == {"admin"}
    assert User.objects.get(pk=admin.pk).organisation == orgs.ministry
    # Their own name is theirs to correct.
    services.user_update(actor=admin, user=admin, first_name="Ada")


@pytest.mark.parametrize("case_role", [Role.COORDINATOR, Role.CASE_WORKER, Role.FIELD_IDENTIFIER])
def test_administration_and_case_roles_are_never_combined(personas, orgs, case_role):
    with pytest.raises(ValidationError) as caught:
        services.user_update(
            actor=personas.admin, user=personas.auditor, roles=[Role.ADMIN, case_role]
        )
    assert CONFLICT in caught.value.fields["roles"][0]
    with pytest.raises(ValidationError):
        services.user_update(
            actor=personas.admin, user=personas.case_worker, roles=[Role.CASE_WORKER, Role.ADMIN]
        )
    with pytest.raises(ValidationError):
        services.user_create(
            actor=None,  # the command line is held to it as well
            username="both",
            password="Long-Enough-Pass-42",
            organisation=orgs.ministry,
            roles=[Role.ADMIN, case_role],
        )
    assert not User.objects.filter(username="both").exists()
    assert _roles_in_db(personas.case_worker) == {"case_worker"}


def test_a_superuser_is_not_given_a_case_role(personas):
    root = User.objects.create_superuser("root", "root@example.org", "Long-Enough-Pass-42")
    with pytest.raises(ValidationError):
        services.user_update(actor=personas.admin, user=root, roles=[Role.CASE_WORKER])


def test_an_explicit_setting_allows_the_combination(personas, settings):
    settings.NRM_ALLOW_ADMIN_CASE_ROLES = True
    services.user_update(
        actor=personas.admin, user=personas.auditor, roles=[Role.ADMIN, Role.CASE_WORKER]
    )
    forget_roles(personas.auditor)
    assert roles_of(personas.auditor) == {"admin", "case_worker"}


def test_an_administrator_given_a_case_role_behind_the_services_back_does_not_get_it(personas):
    admin = personas.admin
    admin.groups.add(Group.objects.get(name=Role.CASE_WORKER))  # e.g. by hand in the database
    forget_roles(admin)
    assert roles_of(admin) == {"admin"}


def test_role_and_organisation_changes_are_audited_with_before_and_after(personas, orgs):
    services.user_update(
        actor=personas.admin,
        user=personas.partner,
        roles=[Role.PARTNER, Role.TRIAL_MONITOR],
        organisation=orgs.other_partner,
    )
    entry = LogEntry.objects.get_for_object(personas.partner).filter(changes__has_key="roles").get()
    assert entry.actor == personas.admin
    assert entry.changes_dict["roles"] == ["partner", "partner, trial_monitor"]
    assert entry.changes_dict["organisation"] == ["Test Partner IO", "Test Other Partner"]


def test_the_auditor_sees_who_changed_which_roles(personas, client_for):
    services.user_update(actor=personas.admin, user=personas.partner, roles=[Role.TRIAL_MONITOR])
    html = client_for(personas.auditor).get("/audit/?view=changes").content.decode()
    assert "roles: partner → trial monitor" in html
    assert personas.admin.username in html


# The administrators' site -------------------------------------------------------------------


def test_the_admin_cannot_give_itself_a_case_role_on_the_admin_site(personas, client_for):
    """The reported attack: add case_worker to one's own roles, then read identities."""
    admin = personas.admin
    client = client_for(admin)
    url = f"/admin/accounts/user/{admin.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, admin_form(admin, groups=_group_ids(Role.ADMIN, Role.CASE_WORKER)))
    assert response.status_code == 200  # the form again, with the errors
    html = response.content.decode()
    assert "You cannot change your own roles." in html and CONFLICT in html
    assert _roles_in_db(admin) == {"admin"}
    case = case_create(
        actor=personas.case_worker, identified_on=datetime.date(2024, 3, 1), sex="female"
    )
    assert client.get(f"/cases/{case.code}/identity/").status_code == 403


def test_the_admin_cannot_move_itself_to_another_organisation(personas, orgs, client_for):
    admin = personas.admin
    url = f"/admin/accounts/user/{admin.pk}/change/"
    response = client_for(admin).post(url, admin_form(admin, organisation=orgs.safe_house.pk))
    assert "You cannot change your own organisation." in response.content.decode()
    assert User.objects.get(pk=admin.pk).organisation == orgs.ministry


def test_the_admin_site_refuses_the_combination_for_others(personas, client_for):
    worker = personas.case_worker
    url = f"/admin/accounts/user/{worker.pk}/change/"
    response = client_for(personas.admin).post(
        url, admin_form(worker, groups=_group_ids(Role.CASE_WORKER, Role.ADMIN))
    )
    assert CONFLICT in response.content.decode()
    assert _roles_in_db(worker) == {"case_worker"}


def test_the_admin_site_changes_others_roles_and_the_change_is_audited(personas, client_for):
    partner = personas.partner
    url = f"/admin/accounts/user/{partner.pk}/change/"
    response = client_for(personas.admin).post(
        url, admin_form(partner, groups=_group_ids(Role.PARTNER, Role.TRIAL_MONITOR))
    )
    assert response.status_code == 302
    assert _roles_in_db(partner) == {"partner", "trial_monitor"}
    entry = LogEntry.objects.get_for_object(partner).filter(changes__has_key="roles").get()
    assert entry.actor == personas.admin
    assert entry.changes_dict["roles"] == ["partner", "partner, trial_monitor"]


def test_the_auditor_sees_organisations_by_name(personas, orgs, client_for):
    services.user_update(actor=personas.admin, user=personas.partner, organisation=orgs.monitor)
    html = client_for(personas.auditor).get("/audit/?view=changes").content.decode()
    assert "organisation: Test Partner IO → Test Monitoring Mission" in html
