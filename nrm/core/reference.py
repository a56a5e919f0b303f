"""Reference data kept in the repository and synchronised into the database after migrate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


# libyaml's parser when the wheel has it: the reference files are read at every demo load and
# migration, and the pure-Python parser is ten times slower.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream: Any) -> Any:
    """yaml.safe_load with libyaml's parser when there is one (same results, same errors)."""
    return yaml.load(stream, Loader=_LOADER)  # noqa: S506 (a safe loader)


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return safe_load(handle)


def sync_municipalities(**kwargs: Any) -> None:
    """Upsert BiH's municipalities from data/municipalities.yaml (idempotent)."""
    from nrm.core.models import Municipality

    rows = load_yaml(DATA_DIR / "municipalities.yaml")
    using = kwargs.get("using", "default")
    existing = {m.code: m for m in Municipality.objects.using(using).all()}
    for row in rows:
        values = {
            "name": row["name"],
            "jurisdiction": row["jurisdiction"],
            "canton": row.get("canton", ""),
            "is_city": bool(row.get("city", False)),
        }
        current = existing.get(row["code"])
        if current is None:
            Municipality.objects.using(using).create(code=row["code"], **values)
        elif any(getattr(current, k) != v for k, v in values.items()):
            Municipality.objects.using(using).filter(code=row["code"]).update(**values)
