"""Reference funding programmes, loaded from reference_data/ after migrate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nrm.core.audit import audit_actor
from nrm.core.reference import load_yaml

PROGRAMMES = Path(__file__).resolve().parent / "reference_data" / "funding_programmes.yaml"


def load_funding_programmes(**kwargs: Any) -> None:
    """Create the reference programmes that are missing (idempotent). Existing ones are left
    as they are: the coordinator may have edited or deactivated them."""
    from nrm.activities.models import FundingProgramme

    using = kwargs.get("using", "default")
    existing = set(FundingProgramme.objects.using(using).values_list("code", flat=True))
    with audit_actor(None, via="reference data"):
        for row in load_yaml(PROGRAMMES):
            if row["code"] not in existing:
                FundingProgramme.objects.using(using).create(
                    code=row["code"],
                    name=row["name"],
                    funder=row.get("funder", ""),
                    description=row.get("description", ""),
                )
