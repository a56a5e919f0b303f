"""Demo exchange log: the 2024 open-data bundle and anonymised release, as the State
Coordinator's office would have prepared them after publishing the 2024-H2 bulletin, so that the
exchange page shows what its log looks like. Case data are not touched (the demo's figures stay
those of the bulletin). The open data are public statistics: they are exported only once the
bulletin that makes 2024 public is published. Idempotent."""

from __future__ import annotations

from nrm.core.audit import audit_actor
from nrm.core.periods import Period
from nrm.exchange.anonymised import export_anonymised
from nrm.exchange.models import ExchangeKind, ExchangeRecord
from nrm.exchange.opendata import export_opendata
from nrm.statistics.selectors import public_periods

YEAR = "2024"


def load_demo() -> None:
    period = Period.parse(YEAR)
    with audit_actor(None, via="demo"):
        if not ExchangeRecord.objects.filter(
            kind=ExchangeKind.ANONYMISED, period_start=period.start
        ).exists():
            export_anonymised(actor=None, period=period)
        public = any(p == period for p in public_periods())
        if (
            public
            and not ExchangeRecord.objects.filter(
                kind=ExchangeKind.OPEN_DATA, period_start=period.start
            ).exists()
        ):
            export_opendata(actor=None, period=period)
