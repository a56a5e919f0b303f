"""The shape of an activity as a partner enters it: the one input of the create and update
services, filled by the web form, the API and the demo loader alike."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from nrm.activities.models import DatePrecision, FigureQualifier


@dataclass(kw_only=True)
class PlaceData:
    """A BiH municipality (its code), a foreign city with its ISO country code, or online."""

    municipality: str = ""
    locality: str = ""
    city: str = ""
    country: str = ""
    online: bool = False


@dataclass(kw_only=True)
class SessionData(PlaceData):
    start_date: datetime.date
    end_date: datetime.date | None = None
    label: str = ""
    participants: int | None = None


@dataclass(kw_only=True)
class ActivityData:
    type: str
    start_date: datetime.date
    end_date: datetime.date | None = None  # None: a one-day activity
    date_precision: str = DatePrecision.DAY
    titles: dict[str, str] = field(default_factory=dict)  # language code -> title
    summaries: dict[str, str] = field(default_factory=dict)
    organisers: list[int] = field(default_factory=list)  # organisation ids
    partners: list[int] = field(default_factory=list)
    other_organisers: str = ""
    other_partners: str = ""
    funding_programme: str = ""  # FundingProgramme.code
    project: str = ""
    target_groups: list[str] = field(default_factory=list)
    participants_total: int | None = None
    participants_qualifier: str = FigureQualifier.EXACT
    participants_women: int | None = None
    participants_men: int | None = None
    participants_from_bih: int | None = None
    completions: int | None = None
    certificates: int | None = None
    reach_people: int | None = None
    reach_women: int | None = None
    reach_men: int | None = None
    reach_views: int | None = None
    reach_clicks: int | None = None
    links: list[str] = field(default_factory=list)
    note: str = ""
    places: list[PlaceData] = field(default_factory=list)
    sessions: list[SessionData] = field(default_factory=list)

    @property
    def session_participants(self) -> list[int | None]:
        return [s.participants for s in self.sessions]


# Figures stored as entered (None: not recorded); the names are the model's field names.
FIGURE_FIELDS = (
    "participants_total",
    "participants_women",
    "participants_men",
    "participants_from_bih",
    "completions",
    "certificates",
    "reach_people",
    "reach_women",
    "reach_men",
    "reach_views",
    "reach_clicks",
)
