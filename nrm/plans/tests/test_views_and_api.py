"""The pages and the API call the same rules: each role sees and does what it may."""

from __future__ import annotations

import json
from typing import Any

from nrm.plans.models import MeasureReport, ReportingRound


def _own(round: ReportingRound, small_plan: Any, orgs: Any) -> MeasureReport:
    return MeasureReport.objects.get(
        round=round, measure=small_plan.police_measure, organisation=orgs.police
    )


def test_pages_for_each_role(
    open_round: ReportingRound, small_plan: Any, personas: Any, client_for: Any
) -> None:
    key = small_plan.plan.key
    for user in (
        personas.coordinator,
        personas.auditor,
        personas.partner,
        personas.field_identifier,
    ):
        client = client_for(user)
        assert client.get("/plans/").status_code == 200
        page = client.get(f"/plans/{key}/")
        assert page.status_code == 200
        assert "Train officers" in page.content.decode()
        assert client.get(f"/plans/rounds/{open_round.pk}/").status_code == 200
        assert client.get(f"/plans/{key}/export.xlsx").status_code == 200
    assert client_for(personas.norole).get("/plans/").status_code == 403
    assert client_for(personas.admin).get(f"/plans/{key}/").status_code == 403


def test_only_the_coordinator_opens_rounds_and_imports(
    small_plan: Any, personas: Any, client_for: Any
) -> None:
    data = {"period_start": "2025-01-01", "period_end": "2025-12-31", "deadline": "2026-01-31"}
    key = small_plan.plan.key
    for user in (personas.auditor, personas.partner, personas.field_identifier):
        assert client_for(user).post(f"/plans/{key}/", data).status_code == 403
        assert client_for(user).get("/plans/import/").status_code == 403
    assert not ReportingRound.objects.exists()
    response = client_for(personas.coordinator).post(f"/plans/{key}/", data)
    assert response.status_code == 302
    assert ReportingRound.objects.count() == 1
    assert client_for(personas.coordinator).get("/plans/import/").status_code == 200


def test_report_page_write_submit_and_review(
    open_round: ReportingRound, small_plan: Any, orgs: Any, personas: Any, client_for: Any
) -> None:
    report = _own(open_round, small_plan, orgs)
    url = f"/plans/reports/{report.pk}/"
    data = {
        "status": "in_progress",
        "narrative": "Courses held.",
        f"indicator_{small_plan.indicator.pk}": "30",
        "action": "submit",
    }
    assert client_for(personas.outsider).get(url).status_code == 404
    assert client_for(personas.auditor).post(url, data).status_code == 403
    assert client_for(personas.field_identifier).post(url, data).status_code == 302
    report.refresh_from_db()
    assert (report.state, report.status) == ("submitted", "in_progress")
    assert client_for(personas.field_identifier).post(url, {"action": "approve"}).status_code == 403
    response = client_for(personas.coordinator).post(url, {"action": "return", "comment": "More."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == "returned"


def test_documents_for_the_coordinator_and_auditor(
    open_round: ReportingRound, personas: Any, client_for: Any
) -> None:
    url = f"/plans/rounds/{open_round.pk}/document/?format=html&lang=bs"
    assert client_for(personas.auditor).get(url).status_code == 200
    assert client_for(personas.field_identifier).get(url).status_code == 403
    publish = f"/plans/rounds/{open_round.pk}/publish/"
    assert client_for(personas.auditor).post(publish).status_code == 403
    assert client_for(personas.coordinator).post(publish).status_code == 302
    published = open_round.published.get()
    docx = client_for(personas.partner).get(f"/plans/published/{published.pk}/?format=docx")
    assert docx.status_code == 200
    assert docx.content[:2] == b"PK"


def test_api(
    open_round: ReportingRound, small_plan: Any, orgs: Any, personas: Any, api_for: Any
) -> None:
    key = small_plan.plan.key
    plan = api_for(personas.partner).get(f"/api/v1/plans/{key}").json()
    assert plan["goals"][0]["objectives"][0]["measures"][0]["responsible"] == ["Test Police Agency"]
    assert api_for(personas.norole).get("/api/v1/plans").status_code == 403
    reports = api_for(personas.field_identifier).get(f"/api/v1/plan-rounds/{open_round.pk}/reports")
    assert len(reports.json()) == 2  # the police agency's two reports
    assert (
        len(
            api_for(personas.coordinator).get(f"/api/v1/plan-rounds/{open_round.pk}/reports").json()
        )
        == 3
    )
    assert (
        api_for(personas.field_identifier)
        .get(f"/api/v1/plan-rounds/{open_round.pk}/missing")
        .status_code
        == 403
    )
    report = _own(open_round, small_plan, orgs)
    body = json.dumps({"status": "late", "submit": True})
    bad = api_for(personas.field_identifier).put(
        f"/api/v1/plan-reports/{report.pk}", body, content_type="application/json"
    )
    assert bad.status_code == 422
    assert "delay_reason" in bad.content.decode()
    denied = api_for(personas.case_worker).put(
        f"/api/v1/plan-reports/{report.pk}", body, content_type="application/json"
    )
    assert denied.status_code == 404
    body = json.dumps(
        {
            "status": "completed",
            "indicator_values": {str(small_plan.indicator.pk): 90},
            "submit": True,
        }
    )
    sent = api_for(personas.field_identifier).put(
        f"/api/v1/plan-reports/{report.pk}", body, content_type="application/json"
    )
    assert sent.status_code == 200
    assert sent.json()["state"] == "submitted"
    assert (
        api_for(personas.auditor).post(f"/api/v1/plan-reports/{report.pk}/approve").status_code
        == 403
    )
    assert (
        api_for(personas.coordinator)
        .post(f"/api/v1/plan-reports/{report.pk}/approve")
        .json()["state"]
        == "approved"
    )
    board = api_for(personas.coordinator).get(f"/api/v1/plans/{key}/dashboard").json()
    assert board["totals"]["counts"] == {"completed": 1, "not_reported": 1}
    schema = api_for(personas.coordinator).get("/api/v1/openapi.json").json()
    assert "/api/v1/plan-reports/{report_id}" in schema["paths"]


def test_api_tags_activities(small_plan: Any, orgs: Any, personas: Any, api_for: Any) -> None:
    from nrm.activities.models import Activity
    from nrm.plans.models import ActivityMeasure

    activity = Activity.objects.create(
        reporter=orgs.partner,
        type="training",
        title_en="Course",
        start_date="2025-03-01",
        end_date="2025-03-02",
    )
    url = f"/api/v1/plan-measures/{small_plan.police_measure.pk}/activities/{activity.pk}"
    assert api_for(personas.other_partner).post(url).status_code in (403, 404)
    assert not ActivityMeasure.objects.exists()
    assert api_for(personas.partner).post(url).status_code == 201
    assert ActivityMeasure.objects.count() == 1
    assert api_for(personas.partner).delete(url).status_code == 204
    assert not ActivityMeasure.objects.exists()


def test_the_auditor_reads_a_report_page_without_writing(
    open_round: ReportingRound, small_plan: Any, orgs: Any, personas: Any, client_for: Any
) -> None:
    """The auditor reads every report (docs/permissions.md) but picks no activities."""
    report = _own(open_round, small_plan, orgs)
    page = client_for(personas.auditor).get(f"/plans/reports/{report.pk}/")
    assert page.status_code == 200
    assert 'name="narrative"' not in page.content.decode()
    assert client_for(personas.outsider).get(f"/plans/reports/{report.pk}/").status_code == 404
