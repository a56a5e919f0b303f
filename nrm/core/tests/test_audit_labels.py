"""The audit trail shows what people call things: field labels with before and after values,
no internal names or keys."""

from __future__ import annotations

import datetime

import pytest

from nrm.cases.services import case_create, case_update

pytestmark = pytest.mark.django_db


def test_the_audit_trail_shows_labels_with_before_and_after(client_for, personas):
    case = case_create(
        actor=personas.field_identifier, identified_on=datetime.date(2024, 3, 1), sex="unknown"
    )
    case_update(
        actor=personas.field_identifier,
        case=case,
        expected_version=case.version,
        sex="female",
        notes="Met at the bus station.",
    )
    html = client_for(personas.auditor).get("/audit/").content.decode()
    changes = html.split("<tbody>")[1]
    assert "<dt>Sex</dt>" in changes
    assert "<del>unknown</del>" in changes and "<ins>female</ins>" in changes
    for internal in ("<dt>id</dt>", "<dt>sex</dt>", "<dt>version</dt>", ">published_at<"):
        assert internal not in changes
    assert "[personal data]" in changes or "Met at the bus station." not in changes


def test_an_activity_is_named_by_its_title_not_its_key(personas):
    from nrm.activities.models import Activity

    activity = Activity(
        title_en="Training for labour inspectors", start_date=datetime.date(2024, 5, 1)
    )
    activity.pk = 24
    assert str(activity) == "Training for labour inspectors"
    assert "activity:" not in str(activity)
