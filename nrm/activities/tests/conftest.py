"""Fixtures for the activities app: reports entered through the services."""

from __future__ import annotations

import datetime
from dataclasses import replace
from typing import Any

import pytest

from nrm.activities import services
from nrm.activities.data import ActivityData, PlaceData
from nrm.activities.models import Activity

D = datetime.date


def activity_data(**overrides: Any) -> ActivityData:
    """A valid training in Neum, 1-4 September 2024, with no figures."""
    base = ActivityData(
        type="training",
        start_date=D(2024, 9, 1),
        end_date=D(2024, 9, 4),
        titles={"en": "Panel on trafficking at the Annual Symposium of Prosecutors"},
        places=[PlaceData(municipality="neum")],
    )
    return replace(base, **overrides)


@pytest.fixture
def report(db: Any) -> Any:
    """report(actor, status="draft", approver=None, **overrides) -> Activity, entered by
    `actor` and taken through the workflow to `status` (the system reviews)."""

    def make(actor: Any, status: str = "draft", **overrides: Any) -> Activity:
        activity = services.activity_create(actor=actor, data=activity_data(**overrides))
        if status == "draft":
            return activity
        activity = services.activity_submit(actor=actor, activity=activity)
        if status == "approved":
            activity = services.activity_approve(actor=None, activity=activity)
        elif status == "returned":
            activity = services.activity_return(actor=None, activity=activity, comment="Fix it")
        return activity

    return make
