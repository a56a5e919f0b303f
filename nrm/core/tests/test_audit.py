import pytest
from auditlog.models import LogEntry
from django.apps import apps

from nrm.accounts.services import organisation_create
from nrm.core.audit import MASK, audit_actor, is_audited
from nrm.core.errors import Conflict
from nrm.core.models import AccessEntry, Municipality
from nrm.core.services import record_access, update_versioned
from nrm.testing.models import Sample

# Records that are not domain data: the audit and access logs themselves, and reference data
# synchronised from files in the repository.
NOT_DOMAIN = {AccessEntry, Municipality}


def domain_models():
    for config in apps.get_app_configs():
        if config.name.startswith("nrm."):
            for model in config.get_models():
                if model not in NOT_DOMAIN:
                    yield model


def test_every_domain_model_is_audited():
    models = list(domain_models())
    assert len(models) >= 3
    missing = [m._meta.label for m in models if not is_audited(m)]
    assert missing == [], f"not in the audit trail (decorate with @audited): {missing}"


@pytest.mark.django_db
def test_entries_record_actor_organisation_and_changed_fields(personas, orgs):
    organisation = organisation_create(
        actor=personas.admin, name="Audited NGO", type="ngo", jurisdiction="bih"
    )
    entry = LogEntry.objects.get_for_object(organisation).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == personas.admin
    assert entry.additional_data["organisation"] == str(orgs.ministry)
    assert "name" in entry.changes_dict


@pytest.mark.django_db
def test_personal_data_is_masked_in_the_trail(personas):
    with audit_actor(personas.case_worker):
        sample = Sample.objects.create(code="S-9", name="Private Person")
        sample.name = "Other Name"
        sample.save()
    entries = LogEntry.objects.get_for_object(sample).order_by("timestamp")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    update = entries.last().changes_dict
    assert update["name"] == [MASK, MASK]  # recorded as changed, value never copied
    assert "Private" not in str(list(entries.values_list("changes", flat=True)))


@pytest.mark.django_db
def test_optimistic_locking_refuses_a_stale_edit(personas):
    sample = Sample.objects.create(code="S-10", note="first")
    first_reader = Sample.objects.get(pk=sample.pk)
    second_reader = Sample.objects.get(pk=sample.pk)
    update_versioned(first_reader, expected_version=1, changes={"note": "by first"})
    with pytest.raises(Conflict, match="changed this record"):
        update_versioned(second_reader, expected_version=1, changes={"note": "by second"})
    sample.refresh_from_db()
    assert (sample.note, sample.version) == ("by first", 2)


@pytest.mark.django_db
def test_access_entries_name_the_reader_and_a_pseudonym(personas, orgs):
    sample = Sample.objects.create(code="S-11", name="Hidden")
    record_access(actor=personas.case_worker, subject=sample, label=sample.code)
    entry = AccessEntry.objects.get()
    assert (entry.actor, entry.organisation, entry.object_label) == (
        personas.case_worker,
        orgs.safe_house,
        "S-11",
    )


@pytest.mark.django_db
def test_services_run_by_the_command_line_keep_its_origin(personas):
    with audit_actor(None, via="import"):
        organisation = organisation_create(
            actor=None, name="Imported NGO", type="ngo", jurisdiction="bih"
        )
    entry = LogEntry.objects.get_for_object(organisation).get()
    assert entry.actor is None
    assert entry.additional_data["via"] == "import"
