"""Fixtures of the bulletin app: sources with the State Coordinator's 2024 figures."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from nrm.bulletin.sources import (
    ActivityGroup,
    ActivityRecord,
    ArticleInfo,
    BulletinSources,
    Composition,
    FreeText,
)
from nrm.core.periods import Period
from nrm.statistics.tests.data import BULLETIN_MONITORING, BULLETIN_VICTIMS

TITLES = {
    "en": "Training on child begging as trafficking",
    "bs": "Obuka o dječijem prosjačenju kao trgovini ljudima",
    "sr": "Обука о дјечијем просјачењу као трговини људима",
}


def symposium(language: str) -> ActivityRecord:
    return ActivityRecord(
        key="activity:2",
        type="conference",
        type_label="conference",
        title="Panel on trafficking in human beings, Annual Symposium of Prosecutors",
        summary="The panel discussed referral mechanisms and victims' access to justice.",
        start=datetime.date(2024, 9, 1),
        end=datetime.date(2024, 9, 4),
        places=("Neum",),
        organisers=("Council of Europe", "OSCE Mission to BiH", "IOM"),
        participants={"total": 39, "qualifier": "exact"},
        reported_figures=(("Council of Europe", 39), ("OSCE Mission to BiH", 31), ("IOM", 31)),
    )


def demo_activities(language: str) -> list[ActivityGroup]:
    training = ActivityRecord(
        key="activity:1",
        type="training",
        type_label="training",
        title=TITLES.get(language, TITLES["en"]),
        summary="Police officers and social workers discussed the referral of child begging.",
        start=datetime.date(2024, 9, 26),
        end=datetime.date(2024, 9, 26),
        places=("Zenica" if language != "sr" else "Зеница",),
        organisers=("OSCE Mission to BiH",),
        participants={"total": 33, "qualifier": "exact", "women": 8, "men": 25},
    )
    campaign = ActivityRecord(
        key="activity:3",
        type="campaign",
        type_label="campaign",
        title="Digital awareness-raising campaign",
        summary="",
        start=datetime.date(2024, 7, 1),
        end=datetime.date(2024, 12, 31),
        date_precision="month",
        organisers=("IOM",),
        reach={
            "people": 1194614,
            "women": 700181,
            "men": 662547,
            "views": 8976439,
            "clicks": 21480,
        },
    )
    return [
        ActivityGroup("IOM", (campaign,)),
        ActivityGroup("OSCE Mission to BiH", (training, symposium(language))),
    ]


@pytest.fixture
def composition() -> Composition:
    report = FreeText("after_activities", {"en": "Report trafficking"}, {"en": "Call 0800 22 323."})
    return Composition(
        introduction={
            "en": "This bulletin presents the work of the referral mechanism.\n\n- one\n- two",
            "sr": "Овај билтен представља рад рефералног механизма.",
        },
        contact={"en": "BiH Ministry of Security\nTrg BiH 1\n71000 Sarajevo"},
        acknowledgement={"en": "Supported by the OSCE Mission to BiH."},
        sections=(report,),
    )


@pytest.fixture
def sources(composition: Composition) -> BulletinSources:
    return make_sources(composition)


TRAFFICKING, RELATED = "trafficking", "trafficking_related"


def make_sources(composition: Composition, **changes: Any) -> BulletinSources:
    statistics = {
        "period": {"from": "2024-01-01", "to": "2024-12-31"},
        "victims": BULLETIN_VICTIMS,
        "trial_monitoring": BULLETIN_MONITORING,
    }
    values: dict[str, Any] = {
        "period": Period.parse("2024-H2"),
        "statistics": statistics,
        "composition": composition,
        "activities": demo_activities,
        "articles": lambda language: [
            ArticleInfo(
                "bih:186", "CC BiH", "186", "Trafficking in Human Beings", "trafficking", 6
            ),
            ArticleInfo(
                "fbih:219", "CC FBiH", "219", "Neglect of a Child", "trafficking_related", 9
            ),
            ArticleInfo("rs:207", "CC RS", "207", "Neglect of a Child", "trafficking_related", 0),
        ],
        "completed_offences": lambda language: [
            ArticleInfo(
                "fbih:210a", "CC FBiH", "210a", "Trafficking in Human Beings", "trafficking", 3
            ),
            ArticleInfo(
                "fbih:210", "CC FBiH", "210", "Enticement to Prostitution", "trafficking_related", 2
            ),
        ],
        "prepared_on": datetime.date(2025, 1, 15),
        **changes,
    }
    return BulletinSources(**values)
