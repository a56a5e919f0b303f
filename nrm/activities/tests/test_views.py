"""Pages: partners see and change only their own organisation's reports; coordinators review."""

from __future__ import annotations

import datetime

import pytest

from nrm.activities.models import Activity, JointEvent

D = datetime.date
pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "type": "training",
        "title_en": "Digital investigations",
        "title_bs": "Digitalne istrage",
        "start_date": "2024-09-24",
        "end_date": "2024-09-26",
        "date_precision": "day",
        "participants_qualifier": "exact",
        "places-TOTAL_FORMS": "2",
        "places-INITIAL_FORMS": "0",
        "places-0-municipality": "banja-luka",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_the_activity_pages_answer_for_reading_roles(client_for, personas, report):
    activity = report(personas.partner, status="approved")
    for persona in ("coordinator", "partner", "other_partner", "case_worker", "trial_monitor"):
        client = client_for(getattr(personas, persona))
        assert client.get("/activities/").status_code == 200, persona
        assert client.get(f"/activities/{activity.pk}/").status_code == 200, persona
    assert client_for(personas.auditor).get("/activities/").status_code == 403


def test_a_partner_reports_an_activity_through_the_form(client_for, personas):
    response = client_for(personas.partner).post(
        "/activities/new/",
        form_data(
            participants_total="30",
            participants_women="12",
            participants_men="18",
            target_groups=["police", "prosecutors"],
            links="https://example.org/a\n\nhttps://example.org/b",
            **{
                "sessions-0-start_date": "2024-09-25",
                "sessions-0-municipality": "banja-luka",
                "sessions-0-participants": "30",
            },
        ),
    )
    activity = Activity.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/activities/{activity.pk}/"
    assert activity.reporter == personas.partner.organisation
    assert activity.titles()["bs"] == "Digitalne istrage"
    assert activity.links == ["https://example.org/a", "https://example.org/b"]
    assert activity.places.get().municipality_id == "banja-luka"
    assert activity.sessions.get().participants == 30


def test_figures_that_do_not_add_up_must_be_confirmed_then_are_stored(client_for, personas):
    client = client_for(personas.partner)
    data = form_data(participants_total="31", participants_women="20", participants_men="20")
    first = client.post("/activities/new/", data)
    assert first.status_code == 422
    page = first.content.decode()
    assert "Please check these figures" in page
    assert "add up to 40, more than the 31 participants" in page
    assert not Activity.objects.exists()
    second = client.post("/activities/new/", {**data, "confirm_figures": "on"})
    assert second.status_code == 302
    assert Activity.objects.get().participants_women == 20


def test_service_errors_are_shown_at_their_fields(client_for, personas):
    response = client_for(personas.partner).post(
        "/activities/new/",
        form_data(
            end_date="2024-09-01",
            title_en="",
            title_bs="",
            **{"places-1-city": "Vienna"},
            links="nonsense",
        ),
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "The end date (" in page
    assert "Give the title in at least one language." in page
    assert "Give the country of the city." in page
    assert "Line 1 is not a web address" in page
    assert not Activity.objects.exists()


def test_a_partner_cannot_see_or_change_another_partners_draft(client_for, personas, report):
    draft = report(personas.other_partner)
    client = client_for(personas.partner)
    assert client.get(f"/activities/{draft.pk}/").status_code == 404
    assert client.get(f"/activities/{draft.pk}/edit/").status_code == 404
    assert client.post(f"/activities/{draft.pk}/edit/", form_data()).status_code == 404
    for action in ("submit", "delete", "withdraw"):
        assert client.post(f"/activities/{draft.pk}/{action}/").status_code == 404, action
    assert draft.title_en not in client.get("/activities/?scope=all").content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.version == 1


def test_a_partner_cannot_change_another_partners_approved_activity(client_for, personas, report):
    approved = report(personas.other_partner, status="approved")
    client = client_for(personas.partner)
    assert client.get(f"/activities/{approved.pk}/").status_code == 200
    response = client.get(f"/activities/{approved.pk}/edit/")
    assert response.status_code == 302  # sent back to the activity, with a message
    assert client.post(f"/activities/{approved.pk}/return/", {"comment": "x"}).status_code == 403
    assert client.post(f"/activities/{approved.pk}/delete/").status_code == 403


def test_the_partner_submits_and_the_coordinator_returns_then_approves(
    client_for, personas, report
):
    activity = report(personas.partner)
    partner, coordinator = client_for(personas.partner), client_for(personas.coordinator)
    assert (
        partner.post(
            f"/activities/{activity.pk}/submit/", {"version": activity.version}
        ).status_code
        == 302
    )
    activity.refresh_from_db()
    assert activity.status == "submitted"
    assert (
        client_for(personas.partner).post(f"/activities/{activity.pk}/approve/").status_code == 403
    )
    response = coordinator.post(f"/activities/{activity.pk}/return/", {"comment": ""})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "submitted"  # a return without a comment is refused
    coordinator.post(
        f"/activities/{activity.pk}/return/",
        {"comment": "Add the places.", "version": activity.version},
    )
    page = partner.get(f"/activities/{activity.pk}/").content.decode()
    assert "Returned by the coordinator" in page and "Add the places." in page
    activity.refresh_from_db()
    partner.post(f"/activities/{activity.pk}/submit/", {"version": activity.version})
    activity.refresh_from_db()
    response = coordinator.post(
        f"/activities/{activity.pk}/approve/",
        {"next": "/activities/review/", "version": activity.version},
    )
    assert response["Location"] == "/activities/review/"
    activity.refresh_from_db()
    assert activity.status == "approved"


def test_unsafe_next_addresses_are_ignored(client_for, personas, report):
    activity = report(personas.partner, status="submitted")
    response = client_for(personas.coordinator).post(
        f"/activities/{activity.pk}/approve/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == f"/activities/{activity.pk}/"


def test_the_review_page_shows_warnings_and_duplicates_to_the_coordinator(
    client_for, personas, report
):
    report(personas.partner, status="submitted", participants_total=31)
    report(
        personas.other_partner,
        status="submitted",
        participants_total=39,
        participants_women=30,
        participants_men=20,
    )
    page = client_for(personas.coordinator).get("/activities/review/").content.decode()
    assert "2 activities wait for review" in page
    assert "Possibly the same event as 1 other report" in page
    assert "more than the 39 participants" in page
    assert client_for(personas.partner).get("/activities/review/").status_code == 403


def test_the_coordinator_links_and_unlinks_reports_on_the_page(client_for, personas, report):
    a = report(personas.partner, status="submitted", participants_total=31)
    b = report(personas.other_partner, status="submitted", participants_total=39)
    client = client_for(personas.coordinator)
    client.post(f"/activities/{a.pk}/link/", {"others": [b.pk], "counted": b.pk})
    event = JointEvent.objects.get()
    assert event.counted_report == b and event.reports.count() == 2
    page = client.get(f"/activities/{a.pk}/").content.decode()
    assert "One event, reported by several partners" in page
    client.post(f"/activities/{a.pk}/unlink/")
    assert not JointEvent.objects.exists()
    assert (
        client_for(personas.partner)
        .post(f"/activities/{a.pk}/link/", {"others": [b.pk]})
        .status_code
        == 404
    )


def test_not_the_same_event(client_for, personas, report):
    a = report(personas.partner, status="submitted")
    b = report(personas.other_partner, status="submitted")
    client_for(personas.coordinator).post(f"/activities/{a.pk}/distinct/{b.pk}/")
    page = client_for(personas.coordinator).get("/activities/review/").content.decode()
    assert "Possibly the same event" not in page


def test_submitting_a_whole_period(client_for, personas, report):
    a = report(personas.partner)
    response = client_for(personas.partner).post("/activities/submit/", {"period": "2024-H2"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == "submitted"


def test_the_edit_form_keeps_places_and_sessions(client_for, personas, report):
    from nrm.activities.data import PlaceData, SessionData

    activity = report(
        personas.partner,
        places=[PlaceData(city="Vienna", country="AT")],
        sessions=[SessionData(start_date=D(2024, 9, 2), municipality="neum", label="Day 2")],
    )
    client = client_for(personas.partner)
    page = client.get(f"/activities/{activity.pk}/edit/").content.decode()
    assert 'value="Vienna"' in page and 'value="Day 2"' in page
    response = client.post(
        f"/activities/{activity.pk}/edit/",
        form_data(
            version=str(activity.version),
            start_date="2024-09-01",
            end_date="2024-09-04",
            **{
                "places-TOTAL_FORMS": "2",
                "places-INITIAL_FORMS": "1",
                "places-0-municipality": "",
                "places-0-city": "Vienna",
                "places-0-country": "AT",
                "places-1-online": "on",
                "sessions-TOTAL_FORMS": "1",
                "sessions-INITIAL_FORMS": "1",
                "sessions-0-start_date": "2024-09-02",
                "sessions-0-municipality": "neum",
                "sessions-0-label": "Day 2",
                "sessions-0-DELETE": "on",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [p.place_key for p in activity.places.all()] == ["AT:vienna", "online"]
    assert not activity.sessions.exists()


def test_funding_programmes_are_managed_by_the_coordinator(client_for, personas):
    assert client_for(personas.partner).get("/activities/programmes/").status_code == 200
    assert client_for(personas.partner).get("/activities/programmes/new/").status_code == 403
    client = client_for(personas.coordinator)
    response = client.post(
        "/activities/programmes/new/",
        {"code": "inspire-2", "name": "INSPIRE II", "funder": "USAID", "is_active": "on"},
    )
    assert response.status_code == 302
    assert "INSPIRE II" in client.get("/activities/programmes/").content.decode()
