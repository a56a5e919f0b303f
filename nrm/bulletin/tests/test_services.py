"""Composing and publishing: coordinators only, audited, published versions frozen."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

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
        actor=personas.coordinator, edition=edition, expected_version=1, disclosure="suppress"
    )
    entry = LogEntry.objects.get_for_object(edition).order_by("-timestamp").first()
    assert entry.actor == personas.coordinator
    assert entry.changes_dict["disclosure"] == ["exact", "suppress"]
    assert set(entry.changes_dict) <= {"disclosure", "version", "updated_at"}
    with pytest.raises(ValidationError) as error:
        services.edition_set_policy(
            actor=personas.coordinator, edition=edition, expected_version=2, disclosure="hide"
        )
    assert "disclosure" in error.value.fields
    following = services.edition_create(actor=personas.coordinator, period="2025-H1")
    assert following.disclosure == "suppress"  # the policy carries over to the next edition


def test_the_policy_has_no_threshold_of_its_own(personas, edition):
    """Hiding small numbers is the public page's control: a threshold of the edition's own
    would hide other complements, and the two answers combined could give a cell away."""
    assert not hasattr(edition, "min_cell")
    with pytest.raises(TypeError):
        services.edition_set_policy(
            actor=personas.coordinator,
            edition=edition,
            expected_version=1,
            disclosure="suppress",
            min_cell=10,  # type: ignore[call-arg]
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
    version = services.edition_publish(
        actor=personas.coordinator, edition=edition, note="first", confirmed=True
    )
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
    first = services.edition_publish(actor=personas.coordinator, edition=edition, confirmed=True)
    second = services.edition_publish(
        actor=personas.coordinator, edition=edition, note="fix", confirmed=True
    )
    assert (first.number, second.number) == (1, 2)
    assert set(second.documents) == {"en", "bs", "hr", "sr", "sr-latn"}
    serbian = Bulletin.from_dict(second.documents["sr"])
    assert serbian.meta.language == "sr" and serbian.meta.version == 2
    assert selectors.version_get(period="2024-H2", number=2) == second
    with pytest.raises(NotFound):
        selectors.version_get(period="2024-H2", number=3)


def test_published_files_are_drawn_once(personas, edition):
    version = services.edition_publish(actor=personas.coordinator, edition=edition, confirmed=True)
    first = services.version_file(actor=None, version=version, language="sr", fmt="docx")
    assert RenderedFile.objects.filter(version=version).count() == 1
    assert services.version_file(actor=None, version=version, language="sr", fmt="docx") == first
    assert RenderedFile.objects.filter(version=version).count() == 1
    with pytest.raises(ValidationError):
        services.version_file(actor=None, version=version, language="sr", fmt="odt")


def test_editions_are_listed_with_their_versions(personas, edition):
    services.edition_publish(actor=personas.coordinator, edition=edition, confirmed=True)
    listed = list(selectors.edition_list(actor=personas.coordinator))
    assert [(e.period, getattr(e, "version_count", None)) for e in listed] == [("2024-H2", 1)]
    latest = selectors.latest_published_period()
    assert latest is not None and latest.name == "2024-H2"
    assert Edition.objects.count() == 1


# Safe publishing ----------------------------------------------------------------------------


def _current_half() -> str:
    today = timezone.localdate()
    return f"{today.year}-H{1 if today.month <= 6 else 2}"


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("1999", "1999 is before 2000"),
        ("2035-H1", "2035-H1 has not begun yet (it starts on 1 January 2035)."),
    ],
)
def test_implausible_periods_are_refused_with_a_reason(personas, period, message):
    with pytest.raises(ValidationError) as error:
        services.edition_create(actor=personas.coordinator, period=period)
    assert message in str(error.value)
    assert not Edition.objects.filter(period=period).exists()


def test_a_period_that_has_not_ended_is_composed_but_never_published(personas):
    running = services.edition_create(actor=personas.coordinator, period=_current_half())
    with pytest.raises(ValidationError) as error:
        services.edition_publish(actor=personas.coordinator, edition=running, confirmed=True)
    assert "has not ended" in str(error.value)
    assert not PublishedVersion.objects.exists()


def test_the_period_blocker_names_the_first_day_it_can_be_published():
    from nrm.bulletin.checks import period_blockers
    from nrm.core.periods import Period

    period = Period.parse("2024-H2")
    assert period_blockers(period, today=datetime.date(2025, 1, 1)) == []
    (blocker,) = period_blockers(period, today=datetime.date(2024, 12, 31))
    assert "from 1 January 2025" in blocker


def test_missing_texts_need_a_confirmation(personas, edition):
    check = services.publication_check(edition)
    assert check.missing_texts == ["Introduction: not written", "Contact block: not written"]
    with pytest.raises(ValidationError) as error:
        services.edition_publish(actor=personas.coordinator, edition=edition)
    assert "Confirm the publication" in str(error.value)
    assert not PublishedVersion.objects.exists()
    services.edition_write(
        actor=personas.coordinator,
        edition=edition,
        expected_version=edition.version,
        language="en",
        introduction="Intro",
        contact="Trg BiH 1",
        acknowledgement="",
    )
    edition.refresh_from_db()
    assert services.publication_check(edition).missing_texts == [
        "Introduction: not written in bs, hr, sr",
        "Contact block: not written in bs, hr, sr",
    ]


def test_open_findings_are_listed_before_publishing(personas, edition):
    assert services.publication_check(edition).findings == []
    _victim(personas, identified_on=datetime.date(2024, 8, 1), sex="unknown")
    findings = services.publication_check(edition).findings
    assert findings and any(f.kind == "not_recorded" for f in findings)


def test_a_correction_says_what_it_corrects(personas, edition):
    services.edition_publish(actor=personas.coordinator, edition=edition, confirmed=True)
    with pytest.raises(ValidationError) as error:
        services.edition_publish(actor=personas.coordinator, edition=edition, confirmed=True)
    assert error.value.fields == {"note": ["say what this version corrects"]}
    second = services.edition_publish(
        actor=personas.coordinator, edition=edition, note="Brčko figures", confirmed=True
    )
    assert second.number == 2


def test_a_version_is_withdrawn_with_a_reason(personas, edition):
    version = services.edition_publish(actor=personas.coordinator, edition=edition, confirmed=True)
    with pytest.raises(ValidationError):
        services.version_withdraw(actor=personas.coordinator, version=version, reason=" ")
    withdrawn = services.version_withdraw(
        actor=personas.coordinator, version=version, reason="wrong figures for 2024"
    )
    assert withdrawn.withdrawn and withdrawn.withdrawn_by == personas.coordinator
    assert selectors.latest_published_period() is None
    with pytest.raises(Conflict):
        services.version_withdraw(actor=personas.coordinator, version=version, reason="again")
    with pytest.raises(Conflict) as error:
        services.version_file(actor=None, version=version, language="en", fmt="html")
    assert "was withdrawn: wrong figures for 2024" in str(error.value)
    assert LogEntry.objects.get_for_object(version).filter(action=LogEntry.Action.UPDATE).exists()


@pytest.mark.parametrize("persona", NOT_COORDINATORS)
def test_only_coordinators_withdraw(personas, edition, persona):
    version = services.edition_publish(actor=personas.coordinator, edition=edition, confirmed=True)
    with pytest.raises(PermissionDenied):
        services.version_withdraw(actor=getattr(personas, persona), version=version, reason="x")
    version.refresh_from_db()
    assert not version.withdrawn
