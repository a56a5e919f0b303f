"""Bulletin pages: compose, preview, download and publish (coordinators); published versions
for everyone."""

import io

import pytest
from docx import Document

from nrm.bulletin import services
from nrm.bulletin.models import Edition, PublishedVersion

pytestmark = pytest.mark.django_db

NOT_COORDINATORS = [
    "case_worker",
    "field_identifier",
    "trial_monitor",
    "partner",
    "auditor",
    "admin",
]


@pytest.fixture
def edition(personas):
    return services.edition_create(actor=personas.coordinator, period="2024-H2")


@pytest.mark.parametrize("persona", NOT_COORDINATORS)
def test_only_coordinators_reach_the_bulletin_pages(client_for, personas, edition, persona):
    client = client_for(getattr(personas, persona))
    for url in (
        "/bulletin/",
        "/bulletin/2024-H2/",
        "/bulletin/2024-H2/preview/en/",
        "/bulletin/2024-H2/draft/en.pdf",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post("/bulletin/2024-H2/publish/", {"note": ""}).status_code == 403
    assert client.post("/bulletin/", {"period": "2025-H1"}).status_code == 403
    policy = {"version": 1, "disclosure": "suppress"}
    assert client.post("/bulletin/2024-H2/policy/", policy).status_code == 403
    edition.refresh_from_db()
    assert edition.disclosure == "exact"
    assert not PublishedVersion.objects.exists()


def test_a_coordinator_starts_composes_and_publishes(client_for, personas):
    client = client_for(personas.coordinator)
    response = client.post("/bulletin/", {"period": "2024-H2"})
    assert response.status_code == 302 and response["Location"] == "/bulletin/2024-H2/"
    page = client.get("/bulletin/2024-H2/").content.decode()
    assert 'href="/bulletin/2024-H2/draft/sr-latn.docx"' in page
    response = client.post(
        "/bulletin/2024-H2/texts/",
        {
            "version": 1,
            "language": "sr",
            "introduction": "Увод.",
            "contact": "Трг БиХ 1",
            "acknowledgement": "",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/bulletin/2024-H2/?lang=sr"
    response = client.post(
        "/bulletin/2024-H2/sections/",
        {
            "new-language": "en",
            "new-position": "after_statistics",
            "new-title": "Focus",
            "new-body": "A text.",
        },
    )
    assert response.status_code == 302
    response = client.post("/bulletin/2024-H2/policy/", {"version": 2, "disclosure": "suppress"})
    assert response.status_code == 302
    preview = client.get("/bulletin/2024-H2/preview/sr/").content.decode()
    assert "Увод." in preview
    confirmation = client.get("/bulletin/2024-H2/publish/").content.decode()
    assert "Contact block: not written in en, bs, hr" in confirmation
    # Sent without the confirmation, the page with what is open comes back; nothing published.
    response = client.post("/bulletin/2024-H2/publish/", {"note": "first edition"})
    assert response.status_code == 200 and not PublishedVersion.objects.exists()
    response = client.post("/bulletin/2024-H2/publish/", {"note": "first edition", "confirm": "1"})
    assert response.status_code == 302
    version = PublishedVersion.objects.get()
    assert (version.number, version.note, version.published_by) == (
        1,
        "first edition",
        personas.coordinator,
    )


def test_a_stale_form_is_told_about_the_conflict(client_for, personas, edition):
    client = client_for(personas.coordinator)
    fields = {"language": "en", "introduction": "A", "contact": "", "acknowledgement": ""}
    assert client.post("/bulletin/2024-H2/texts/", {"version": 1, **fields}).status_code == 302
    response = client.post("/bulletin/2024-H2/texts/", {"version": 1, **fields})
    assert response.status_code == 422
    assert "Someone else changed this record" in response.content.decode()


def test_bad_periods_are_explained(client_for, personas):
    response = client_for(personas.coordinator).post("/bulletin/", {"period": "2024-Q1"})
    assert response.status_code == 200
    assert "expected YYYY, YYYY-H1 or YYYY-H2" in response.content.decode()


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_drafts_download_in_every_format(client_for, personas, edition, fmt):
    response = client_for(personas.coordinator).get(f"/bulletin/2024-H2/draft/sr-latn.{fmt}")
    assert response.status_code == 200
    expected = f'attachment; filename="nrm-bulletin-2024-H2-draft-sr-latn.{fmt}"'
    assert response["Content-Disposition"] == expected


def test_unknown_languages_and_formats_are_not_found(client_for, personas, edition):
    client = client_for(personas.coordinator)
    assert client.get("/bulletin/2024-H2/draft/de.pdf").status_code == 404
    assert client.get("/bulletin/2024-H2/draft/en.odt").status_code == 404
    assert client.get("/bulletin/2025-H1/").status_code == 404


def test_published_versions_are_public(client, personas, edition):
    services.edition_publish(
        actor=personas.coordinator, edition=edition, note="first edition", confirmed=True
    )
    listing = client.get("/public/bulletins/").content.decode()
    assert "first edition" in listing
    assert 'href="/public/bulletins/2024-H2/v1/sr.docx"' in listing
    response = client.get("/public/bulletins/2024-H2/v1/sr.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    assert document.core_properties.language == "sr-Cyrl-BA"
    assert client.get("/public/bulletins/2024-H2/v2/sr.docx").status_code == 404


def test_the_api_lists_published_versions_with_their_frozen_figures(client, personas, edition):
    services.edition_publish(
        actor=personas.coordinator, edition=edition, note="first edition", confirmed=True
    )
    listed = client.get("/api/v1/bulletins").json()
    assert [(v["period"], v["version"], v["note"]) for v in listed] == [
        ("2024-H2", 1, "first edition")
    ]
    assert listed[0]["files"]["sr-latn"]["pdf"] == "/public/bulletins/2024-H2/v1/sr-latn.pdf"
    body = client.get("/api/v1/bulletins/2024-H2/1").json()
    assert body["figures"]["period"] == {"from": "2024-01-01", "to": "2024-12-31"}
    missing = client.get("/api/v1/bulletins/2024-H2/2")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("period", "message"), [("1999", "1999 is before 2000"), ("2035-H1", "has not begun yet")]
)
def test_implausible_periods_are_refused_on_the_page(client_for, personas, period, message):
    response = client_for(personas.coordinator).post("/bulletin/", {"period": period})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Edition.objects.filter(period=period).exists()


def test_withdrawn_and_corrected_versions_say_so_in_public(client, client_for, personas, edition):
    coordinator = client_for(personas.coordinator)
    services.edition_publish(actor=personas.coordinator, edition=edition, confirmed=True)
    response = coordinator.post("/bulletin/2024-H2/publish/", {"note": "", "confirm": "1"})
    assert response.status_code == 422
    assert "say what this version corrects" in response.content.decode()
    response = coordinator.post(
        "/bulletin/2024-H2/publish/", {"note": "Brčko figures added", "confirm": "1"}
    )
    assert response.status_code == 302
    assert coordinator.post("/bulletin/2024-H2/v1/withdraw/", {"reason": ""}).status_code == 302
    assert not PublishedVersion.objects.get(number=1).withdrawn
    response = coordinator.post("/bulletin/2024-H2/v1/withdraw/", {"reason": "wrong totals"})
    assert response.status_code == 302
    page = client.get("/public/bulletins/").content.decode()
    assert "Withdrawn on" in page and "wrong totals" in page
    assert "Corrects version 1: Brčko figures added" in page
    assert "Corrected by version 2" in page
    assert 'href="/public/bulletins/2024-H2/v1/en.pdf"' not in page
    assert 'href="/public/bulletins/2024-H2/v2/en.pdf"' in page
    gone = client.get("/public/bulletins/2024-H2/v1/en.pdf")
    assert gone.status_code == 410 and "wrong totals" in gone.content.decode()
    assert client.get("/public/bulletins/2024-H2/v2/en.html").status_code == 200
    api = client.get("/api/v1/bulletins").json()
    assert [(v["version"], v["withdrawal_reason"]) for v in api] == [
        (2, ""),
        (1, "wrong totals"),
    ]


def test_only_coordinators_withdraw_on_the_page(client_for, personas, edition):
    services.edition_publish(actor=personas.coordinator, edition=edition, confirmed=True)
    for persona in ("case_worker", "partner", "auditor", "admin"):
        client = client_for(getattr(personas, persona))
        response = client.post("/bulletin/2024-H2/v1/withdraw/", {"reason": "x"})
        assert response.status_code == 403
        assert client.get("/bulletin/2024-H2/publish/").status_code == 403
    assert not PublishedVersion.objects.get().withdrawn


def test_the_policy_form_offers_the_public_pages_control_and_no_threshold(
    client_for, personas, edition
):
    client = client_for(personas.coordinator)
    page = client.get("/bulletin/2024-H2/").content.decode()
    assert 'name="disclosure"' in page and 'name="min_cell"' not in page
    assert "hide small numbers exactly as the public statistics page does" in page
    assert "the public page&#x27;s threshold" in page
    # A threshold sent along (an old form) changes nothing but the policy.
    response = client.post(
        "/bulletin/2024-H2/policy/", {"version": 1, "disclosure": "suppress", "min_cell": 50}
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.disclosure, edition.version) == ("suppress", 2)
    preview = client.get("/bulletin/2024-H2/preview/en/").content.decode()
    assert "numbers below 5 are not published" in preview
