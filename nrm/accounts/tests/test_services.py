import pytest
from auditlog.models import LogEntry

from nrm.accounts import services
from nrm.core.errors import PermissionDenied, ValidationError
from nrm.core.roles import Role, roles_of

NON_ADMINS = [
    "coordinator",
    "case_worker",
    "field_identifier",
    "trial_monitor",
    "partner",
    "auditor",
    "norole",
]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", NON_ADMINS)
def test_only_administrators_manage_organisations_and_users(personas, orgs, persona):
    actor = getattr(personas, persona)
    with pytest.raises(PermissionDenied):
        services.organisation_create(actor=actor, name="X", type="ngo", jurisdiction="bih")
    with pytest.raises(PermissionDenied):
        services.user_create(
            actor=actor, username="new", password="Long-Enough-Pass-42", organisation=orgs.partner
        )
    with pytest.raises(PermissionDenied):
        services.user_update(actor=actor, user=personas.partner, roles=[Role.COORDINATOR])


@pytest.mark.django_db
def test_administrator_creates_a_user_with_roles(personas, orgs):
    user = services.user_create(
        actor=personas.admin,
        username="new.worker",
        password="Long-Enough-Pass-42",
        organisation=orgs.safe_house,
        roles=[Role.CASE_WORKER],
    )
    assert roles_of(user) == {"case_worker"}
    services.user_update(actor=personas.admin, user=user, roles=[Role.CASE_WORKER, Role.PARTNER])
    assert roles_of(user) == {"case_worker", "partner"}
    role_changes = LogEntry.objects.get_for_object(user).filter(changes__icontains="groups")
    assert role_changes.exists()  # role changes are in the audit trail


@pytest.mark.django_db
def test_weak_passwords_and_unknown_roles_are_named(personas, orgs):
    with pytest.raises(ValidationError) as caught:
        services.user_create(
            actor=personas.admin, username="weak", password="12345678", organisation=orgs.partner
        )
    assert "password" in caught.value.fields
    with pytest.raises(ValidationError) as caught:
        services.user_create(
            actor=personas.admin,
            username="odd",
            password="Long-Enough-Pass-42",
            organisation=orgs.partner,
            roles=["superhero"],
        )
    assert caught.value.fields == {"roles": ["unknown role: superhero"]}


@pytest.mark.django_db
def test_canton_only_for_federation_organisations(personas):
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(
            actor=personas.admin, name="RS body", type="ngo", jurisdiction="rs", canton="ks"
        )
    assert "Only organisations of the Federation have a canton." in str(caught.value)


@pytest.mark.django_db
def test_users_manage_their_own_tokens_only(personas):
    token, _ = services.token_create(actor=personas.partner, user=personas.partner, name="mine")
    with pytest.raises(PermissionDenied):
        services.token_create(actor=personas.partner, user=personas.coordinator, name="theirs")
    with pytest.raises(PermissionDenied):
        services.token_revoke(actor=personas.other_partner, token=token)
    services.token_revoke(actor=personas.admin, token=token)
    assert token.revoked_at is not None


@pytest.mark.django_db
def test_an_administrator_cannot_lock_themselves_out(personas):
    with pytest.raises(ValidationError):
        services.user_update(actor=personas.admin, user=personas.admin, is_active=False)


@pytest.mark.django_db
def test_organisation_names_follow_the_readers_language(personas):
    from django.utils import translation

    organisation = services.organisation_create(
        actor=personas.admin,
        name="Council of Europe Office in Sarajevo",
        short_name="Council of Europe",
        type="international_organisation",
        jurisdiction="bih",
        local_names={
            "bs": ["Ured Vijeća Evrope u Sarajevu", "Vijeće Evrope"],
            "sr": ["Канцеларија Савјета Европе у Сарајеву", "Савјет Европе"],
        },
    )
    shown = {}
    for language in ("en", "bs", "hr", "sr", "sr-latn"):
        with translation.override(language):
            shown[language] = (organisation.display_name(), str(organisation))
    assert shown["en"] == ("Council of Europe Office in Sarajevo", "Council of Europe")
    assert shown["bs"] == shown["hr"] == ("Ured Vijeća Evrope u Sarajevu", "Vijeće Evrope")
    assert shown["sr"] == ("Канцеларија Савјета Европе у Сарајеву", "Савјет Европе")
    assert shown["sr-latn"] == ("Kancelarija Savjeta Evrope u Sarajevu", "Savjet Evrope")
