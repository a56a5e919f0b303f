"""Activities: statistics, duplicate detection and the bulletin's selector on a busy year."""

from __future__ import annotations

import datetime
import random
from typing import Any

N = 2_000
_loaded: list[Any] = []

WORDS = (
    "training", "workshop", "panel", "symposium", "prosecutors", "police", "labour",
    "exploitation", "children", "begging", "identification", "referral", "campaign",
    "digital", "investigations", "victims", "rights", "compensation", "social", "mobile",
    "teams", "legal", "aid", "summer", "school", "moot", "court",
)  # fmt: skip


def _year() -> Any:
    """N approved activities of 2024 from 20 partners in BiH's municipalities (loaded once)."""
    from nrm.core.periods import Period

    if not _loaded:
        _load()
        _loaded.append(Period.parse("2024"))
    return _loaded[0]


def _load() -> None:
    from nrm.accounts.models import Organisation
    from nrm.activities.models import Activity, ActivityAudience, ActivityPlace, TargetGroup
    from nrm.core.models import Municipality

    rng = random.Random(7)
    orgs = [
        Organisation.objects.get_or_create(
            name=f"Bench partner {i}", defaults={"type": "ngo", "jurisdiction": "bih"}
        )[0]
        for i in range(20)
    ]
    municipalities = list(Municipality.objects.all())
    activities = []
    for i in range(N):
        start = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(360))
        total = rng.randrange(10, 80)
        women = rng.randrange(0, total)
        activities.append(
            Activity(
                reporter=rng.choice(orgs),
                type=rng.choice(["training", "workshop", "conference", "campaign"]),
                status="approved" if i % 5 else "submitted",
                title_en=" ".join(rng.sample(WORDS, 5)),
                start_date=start,
                end_date=start + datetime.timedelta(days=rng.randrange(3)),
                participants_total=total,
                participants_women=women,
                participants_men=total - women,
            )
        )
    Activity.objects.bulk_create(activities, batch_size=500)
    ActivityPlace.objects.bulk_create(
        [ActivityPlace(activity=a, municipality=rng.choice(municipalities)) for a in activities],
        batch_size=500,
    )
    ActivityAudience.objects.bulk_create(
        [
            ActivityAudience(activity=a, target_group=group)
            for a in activities
            for group in rng.sample(TargetGroup.values, 2)
        ],
        batch_size=500,
    )


def _statistics(period: Any) -> None:
    from nrm.activities.selectors import activity_statistics

    activity_statistics(period=period)


def _duplicates(period: Any) -> None:
    from nrm.activities.quality import possible_duplicates

    possible_duplicates(period=period)


def _bulletin(period: Any) -> None:
    from nrm.activities.selectors import bulletin_activities

    bulletin_activities(period=period, language="sr")


BENCHMARKS: list[tuple[str, Any, Any]] = [
    (f"statistics of a year, {N} activities", _year, _statistics),
    (f"possible duplicates, {N} activities", _year, _duplicates),
    (f"bulletin selector (sr), {N} activities", _year, _bulletin),
]
