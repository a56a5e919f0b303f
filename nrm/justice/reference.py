"""The criminal-code catalogue and the courts: data in the repository, synchronised after migrate.

`data/criminal_codes.yaml` and `data/courts.yaml` are the source. Synchronising is idempotent:
rows are created or updated only when they differ, and rows that left the files are marked
inactive, never deleted (charges and court cases refer to them). A mistake in a file stops
`migrate` with a message naming the entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models

from nrm.core.audit import audit_actor
from nrm.core.models import Municipality
from nrm.core.reference import load_yaml
from nrm.core.vocabularies import Canton, Jurisdiction

DATA_DIR = Path(__file__).resolve().parent / "data"
CODES_FILE = DATA_DIR / "criminal_codes.yaml"
COURTS_FILE = DATA_DIR / "courts.yaml"
LANGUAGES = ("en", "bs", "hr", "sr")


def _fail(path: Path, where: str, problem: str) -> None:
    raise ImproperlyConfigured(f"{path.name}: {where}: {problem}")


def _translations(path: Path, where: str, values: Any, field: str) -> dict[str, str]:
    """{'name': en, 'name_bs': bs, ...} from {en: ..., bs: ..., hr: ..., sr: ...}."""
    if not isinstance(values, dict) or any(not values.get(lang) for lang in LANGUAGES):
        _fail(path, where, f"{field} needs {', '.join(LANGUAGES)}")
    return {
        (field if lang == "en" else f"{field}_{lang}"): str(values[lang]).strip()
        for lang in LANGUAGES
    }


def _upsert(
    model: type[models.Model], using: str, lookup: dict[str, Any], values: dict[str, Any]
) -> Any:
    """Create the row, or update it when a value differs; returns it."""
    manager = model._default_manager.db_manager(using)
    current = manager.filter(**lookup).first()
    if current is None:
        return manager.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(current, name) != value]
    for name in changed:
        setattr(current, name, values[name])
    if changed:
        current.save(using=using, update_fields=changed)
    return current


def code_rows(path: Path = CODES_FILE) -> list[dict[str, Any]]:
    """The catalogue as plain rows, checked: codes with their articles."""
    rows = load_yaml(path) or []
    categories = {"trafficking", "trafficking_related", "other"}
    seen_codes: set[str] = set()
    for row in rows:
        key = str(row.get("key", ""))
        if not key or key in seen_codes:
            _fail(path, key or "?", "a code needs a unique key")
        seen_codes.add(key)
        if row.get("jurisdiction") not in Jurisdiction.values:
            _fail(path, key, f"unknown jurisdiction {row.get('jurisdiction')!r}")
        numbers: set[str] = set()
        for article in row.get("articles") or []:
            number = str(article.get("number", "")).strip()
            where = f"{key}:{number or '?'}"
            if not number or number in numbers:
                _fail(path, where, "an article needs a unique number")
            numbers.add(number)
            if article.get("category") not in categories:
                _fail(path, where, f"unknown category {article.get('category')!r}")
    return rows


def sync_criminal_codes(*, using: str = "default", path: Path = CODES_FILE) -> int:
    """Upsert codes and articles from the file; returns the number of active articles."""
    from nrm.justice.models import Article, CriminalCode, article_number_sort

    rows = code_rows(path)
    active: list[int] = []
    with audit_actor(None, via="reference data"):
        for position, row in enumerate(rows, start=1):
            key = row["key"]
            code = _upsert(
                CriminalCode,
                using,
                {"key": key},
                {
                    "jurisdiction": row["jurisdiction"],
                    "position": position,
                    **_translations(path, key, row.get("name"), "name"),
                    **_translations(path, key, row.get("short_name"), "short_name"),
                },
            )
            for article in row.get("articles") or []:
                number = str(article["number"]).strip()
                saved = _upsert(
                    Article,
                    using,
                    {"code": code, "number": number},
                    {
                        "number_sort": article_number_sort(number),
                        "category": article["category"],
                        "listed": bool(article.get("listed", False)),
                        "is_active": True,
                        **_translations(path, f"{key}:{number}", article.get("title"), "title"),
                    },
                )
                active.append(saved.pk)
        Article._default_manager.db_manager(using).exclude(pk__in=active).filter(
            is_active=True
        ).update(is_active=False)
    return len(active)


def sync_courts(*, using: str = "default", path: Path = COURTS_FILE) -> int:
    """Upsert the courts from the file; returns the number of active courts."""
    from nrm.justice.models import Court, CourtKind

    rows = load_yaml(path) or []
    keys: list[str] = []
    municipalities = set(Municipality.objects.using(using).values_list("code", flat=True))
    with audit_actor(None, via="reference data"):
        for position, row in enumerate(rows, start=1):
            key = str(row.get("key", ""))
            if not key or key in keys:
                _fail(path, key or "?", "a court needs a unique key")
            if row.get("kind") not in CourtKind.values:
                _fail(path, key, f"unknown kind {row.get('kind')!r}")
            if row.get("jurisdiction") not in Jurisdiction.values:
                _fail(path, key, f"unknown jurisdiction {row.get('jurisdiction')!r}")
            canton = row.get("canton", "")
            if canton and (canton not in Canton.values or row["jurisdiction"] != "fbih"):
                _fail(path, key, f"canton {canton!r} is not a canton of the Federation")
            municipality = row.get("municipality") or None
            if municipality and municipality not in municipalities:
                _fail(path, key, f"unknown municipality {municipality!r}")
            _upsert(
                Court,
                using,
                {"key": key},
                {
                    "name": row["name"],
                    "local_name": row["local_name"],
                    "kind": row["kind"],
                    "jurisdiction": row["jurisdiction"],
                    "canton": canton,
                    "municipality_id": municipality,
                    "position": position,
                    "is_active": True,
                },
            )
            keys.append(key)
        Court._default_manager.db_manager(using).exclude(key__in=keys).filter(
            is_active=True
        ).update(is_active=False)
    return len(keys)


def sync_reference_data(**kwargs: Any) -> None:
    """post_migrate receiver: the catalogue and the courts. Core's receiver, which loads the
    municipalities that courts name as their seat, runs first (INSTALLED_APPS order)."""
    using = kwargs.get("using", "default")
    sync_criminal_codes(using=using)
    sync_courts(using=using)
