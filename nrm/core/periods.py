"""Reporting periods: a closed range of dates, named like the bulletin's (2024-H2, 2024)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from nrm.core.errors import ValidationError

_NAMED = re.compile(r"^(?P<year>\d{4})(?:-(?P<half>H[12]))?$")


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    name: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(
                _("The period ends (%(end)s) before it starts (%(start)s).")
                % {"start": self.start.isoformat(), "end": self.end.isoformat()},
                fields={"to": [_("must not be before the start")]},
            )

    @classmethod
    def parse(cls, name: str) -> Period:
        """'2024' (the year), '2024-H1' (January-June) or '2024-H2' (July-December)."""
        match = _NAMED.match(name.strip())
        if not match:
            raise ValidationError(
                _("%(value)r is not a period: use YYYY, YYYY-H1 or YYYY-H2.") % {"value": name},
                fields={"period": [_("expected YYYY, YYYY-H1 or YYYY-H2")]},
            )
        year = int(match["year"])
        if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
            raise ValidationError(fields={"period": [_("expected YYYY, YYYY-H1 or YYYY-H2")]})
        half = match["half"]
        if half == "H1":
            return cls(datetime.date(year, 1, 1), datetime.date(year, 6, 30), f"{year}-H1")
        if half == "H2":
            return cls(datetime.date(year, 7, 1), datetime.date(year, 12, 31), f"{year}-H2")
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year))

    @classmethod
    def from_strings(cls, start: str, end: str) -> Period:
        return cls(_parse_date(start, "from"), _parse_date(end, "to"))

    def year_to_date(self) -> Period:
        """From 1 January of the period's year to its end: the bulletin's statistics span."""
        return Period(datetime.date(self.end.year, 1, 1), self.end, f"{self.end.year}-YTD")

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def as_dict(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


def _parse_date(value: str, field: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            _("%(value)r is not a date: use YYYY-MM-DD.") % {"value": value},
            fields={field: [_("expected a date as YYYY-MM-DD")]},
        ) from None
