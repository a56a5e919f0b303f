"""Composing and publishing: coordinators only, audited, published versions frozen."""

import datetime

import pytest
from auditlog.models import LogEntry

from nrm.bulletin import selectors, services
from nrm.bulletin.document import Bulletin
from nrm.bulletin.models import Edition, PublishedVersion, RenderedFile
from nrm.cases.services import case_create
from nrm.core.errors import Conflict, NotFound, PermissionDenied, ValidationError

pytestmark = pytest.mark.django_db

NOT_COORDINATORS = [
    "case_worker",
    "field_identifier",
    "trial_monitor",
    "partner",
    "auditor",
    "admin",
    "norole",
]


@pytest.fixture
def edition(personas):
    return services.edition_create(actor=personas.coordinator, period="2024-H2")


@pytest.mark.parametrize("persona", NOT_COORDINATORS)
def test_only_coordinators_compose_and_publish(personas, edition, persona):
    user = getattr(personas, persona)
    with pytest.raises(PermissionDenied):
        services.edition_create(actor=user, period="2025-H1")
    with pytest.raises(PermissionDenied):
        services.edition_write(
            actor=user,
            edition=edition,
            expected_version=edition.version,
            language="en",
            introduction="x",
            contact="",
            acknowledgement="",
        )
    with pytest.raises(PermissionDenied):
        services.edition_set_policy(
            actor=user,
            edition=edition,
            expected_version=edition.version,
            disclosure="suppress",
            min_cell=5,
        )
    with pytest.raises(PermissionDenied):
        services.section_create(
            actor=user,
            edition=edition,
            language="en",
            position="after_activities",
            title="x",
            body="",
        )
    with pytest.raises(PermissionDenied):
        services.edition_publish(actor=user, edition=edition)
    with pytest.raises(PermissionDenied):
        selectors.edition_get(actor=user, period="2024-H2")
    with pytest.raises(PermissionDenied):
        selectors.draft_document(actor=user, edition=edition, language="en")
    assert not PublishedVersion.objects.exists()


def test_an_edition_per_period_with_a_clear_error(personas, edition):
    with pytest.raises(Conflict) as error:
        services.edition_create(actor=personas.coordinator, period="2024-H2")
    assert "already exists" in str(error.value)
    with pytest.raises(ValidationError) as invalid:
        services.edition_create(actor=personas.coordinator, period="2024-H3")
    assert "YYYY-H1" in str(invalid.value)


def test_texts_are_kept_per_language_and_carried_to_the_next_edition(personas, edition):
    coordinator = personas.coordinator
    edition = services.edition_write(
        actor=coordinator,
        edition=edition,
        expected_version=1,
        language="en",
        introduction="Hello",
        contact="Trg BiH 1",
        acknowledgement="",
    )
    edition = services.edition_write(
        actor=coordinator,
        edition=edition,
        expected_version=2,
        language="sr",
        introduction="Здраво",
        contact="Трг БиХ 1",
        acknowledgement="",
    )
    assert edition.introduction == {"en": "Hello", "sr": "Здраво"}
    with pytest.raises(Conflict):  # someone saved in between
        services.edition_write(
            actor=coordinator,
            edition=edition,
            expected_version=2,
            language="bs",
            introduction="Zdravo",
            contact="",
            acknowledgement="",
        )
    with pytest.raises(ValidationError):
        services.edition_write(
            actor=coordinator,
            edition=edition,
            expected_version=3,
            language="sr-latn",
            introduction="x",
            contact="",
            acknowledgement="",
        )
    following = services.edition_create(actor=coordinator, period="2025-H1")
    assert following.contact == {"en": "Trg BiH 1", "sr": "Трг БиХ 1"}
    assert following.introduction == {}


def test_the_publication_policy_is_audited(personas, edition):
    services.edition_set_policy(
        actor=personas.coordinator,
        edition=edition,
        expected_version=1,
        disclosure="suppress",
        min_cell=10,
    )
    entry = LogEntry.objects.get_for_object(edition).order_by("-timestamp").first()
    assert entry.actor == personas.coordinator
    assert entry.changes_dict["disclosure"] == ["exact", "suppress"]
    assert entry.changes_dict["min_cell"] == ["5", "10"]
    with pytest.raises(ValidationError):
        services.edition_set_policy(
            actor=personas.coordinator,
            edition=edition,
            expected_version=2,
            disclosure="suppress",
            min_cell=1,
        )


def test_sections_need_a_title_and_a_place(personas, edition):
    with pytest.raises(ValidationError) as error:
        services.section_create(
            actor=personas.coordinator,
            edition=edition,
            language="en",
            position="after_activities",
            title=" ",
            body="x",
        )
    assert "title" in error.value.fields
    with pytest.raises(ValidationError) as error:
        services.section_create(
            actor=personas.coordinator,
            edition=edition,
            language="en",
            position="on_the_cover",
            title="x",
            body="x",
        )
    assert "position" in error.value.fields


def _victim(personas, **values):
    values.setdefault("identified_on", datetime.date(2024, 5, 2))
    values.setdefault("sex", "female")
    return case_create(actor=personas.field_identifier, **values)


def test_a_published_version_keeps_its_figures_when_the_records_change(personas, edition):
    _victim(personas, exploitation=["labour"], citizenship="BA")
    _victim(personas, exploitation=["sexual"], citizenship="TR")
    version = services.edition_publish(actor=personas.coordinator, edition=edition, note="first")
    published = services.version_document(version, "en")
    assert version.figures["victims"]["total"] == 2
    assert "a total of 2 persons were identified" in published.plain_text()

    _victim(personas, exploitation=["begging"], citizenship="BA")  # recorded afterwards

    draft = selectors.draft_document(actor=personas.coordinator, edition=edition, language="en")
    assert "a total of 3 persons were identified" in draft.plain_text()
    version.refresh_from_db()
    again = services.version_document(version, "en")
    assert again == published
    assert version.figures["victims"]["total"] == 2
    pdf = services.version_file(actor=None, version=version, language="en", fmt="html")
    assert b"a total of 2 persons were identified" in pdf
    assert b"a total of 3 persons" not in pdf


def test_publishing_stores_every_language_and_numbers_the_versions(personas, edition):
    first = services.edition_publish(actor=personas.coordinator, edition=edition)
    second = services.edition_publish(actor=personas.coordinator, edition=edition, note="fix")
    assert (first.number, second.number) == (1, 2)
    assert set(second.documents) == {"en", "bs", "hr", "sr", "sr-latn"}
    serbian = Bulletin.from_dict(second.documents["sr"])
    assert serbian.meta.language == "sr" and serbian.meta.version == 2
    assert selectors.version_get(period="2024-H2", number=2) == second
    with pytest.raises(NotFound):
        selectors.version_get(period="2024-H2", number=3)


def test_published_files_are_drawn_once(personas, edition):
    version = services.edition_publish(actor=personas.coordinator, edition=edition)
    first = services.version_file(actor=None, version=version, language="sr", fmt="docx")
    assert RenderedFile.objects.filter(version=version).count() == 1
    assert services.version_file(actor=None, version=version, language="sr", fmt="docx") == first
    assert RenderedFile.objects.filter(version=version).count() == 1
    with pytest.raises(ValidationError):
        services.version_file(actor=None, version=version, language="sr", fmt="odt")


def test_editions_are_listed_with_their_versions(personas, edition):
    services.edition_publish(actor=personas.coordinator, edition=edition)
    listed = list(selectors.edition_list(actor=personas.coordinator))
    assert [(e.period, getattr(e, "version_count", None)) for e in listed] == [("2024-H2", 1)]
    latest = selectors.latest_published_period()
    assert latest is not None and latest.name == "2024-H2"
    assert Edition.objects.count() == 1
