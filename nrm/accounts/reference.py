"""Organisations of BiH's referral mechanism, loaded from data/organisations.yaml."""

from __future__ import annotations

import functools
from pathlib import Path

from nrm.accounts.models import Organisation
from nrm.core.audit import audit_actor
from nrm.core.models import Municipality
from nrm.core.reference import load_yaml

DATA = Path(__file__).resolve().parent / "data" / "organisations.yaml"
LOCAL_NAMES = Path(__file__).resolve().parent / "data" / "organisation_names.yaml"


def reference_organisations() -> list[dict[str, str]]:
    return list(_organisations_file())


@functools.cache
def _organisations_file() -> tuple[dict[str, str], ...]:
    """The file as shipped (read once per process: demo loaders look organisations up often)."""
    return tuple(load_yaml(DATA))


def load_organisations() -> dict[str, Organisation]:
    """Create the reference organisations that are missing (idempotent); returns them by key.

    Existing organisations are matched by name and left as they are: an administrator may have
    edited them since.
    """
    loaded: dict[str, Organisation] = {}
    local_names = load_yaml(LOCAL_NAMES)
    with audit_actor(None, via="reference data"):
        for row in reference_organisations():
            municipality = Municipality.objects.filter(code=row.get("municipality", "")).first()
            organisation, _created = Organisation.objects.get_or_create(
                name=row["name"],
                defaults={
                    "short_name": row.get("short_name", ""),
                    "type": row["type"],
                    "jurisdiction": row["jurisdiction"],
                    "canton": row.get("canton", ""),
                    "municipality": municipality,
                    "local_names": local_names.get(row["key"], {}),
                    "services": row.get("services", []),
                },
            )
            if not organisation.local_names and local_names.get(row["key"]):
                organisation.local_names = local_names[row["key"]]
                organisation.save(update_fields=["local_names"])
            if not organisation.services and row.get("services"):
                organisation.services = row["services"]
                organisation.save(update_fields=["services"])
            loaded[row["key"]] = organisation
    return loaded


def organisation_by_key(key: str) -> Organisation:
    """A reference organisation by its key in data/organisations.yaml (for demo loaders)."""
    for row in reference_organisations():
        if row["key"] == key:
            return Organisation.objects.get(name=row["name"])
    raise KeyError(f"no reference organisation with key {key!r}")
