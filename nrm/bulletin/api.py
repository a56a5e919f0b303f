"""Published bulletins over the API: what was published, with its frozen figures (public)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema

from nrm.bulletin import selectors
from nrm.bulletin.language import LANGUAGES
from nrm.bulletin.models import PublishedVersion
from nrm.bulletin.render import FORMATS
from nrm.core.api_types import Id, PeriodName

router = Router(tags=["bulletin"])


class VersionOut(Schema):
    period: str
    version: int
    published_at: datetime.datetime
    note: str
    withdrawn_at: datetime.datetime | None = None  # withdrawn: the files are no longer served
    withdrawal_reason: str = ""
    files: dict[str, dict[str, str]]  # {language: {format: URL}}


class VersionFiguresOut(VersionOut):
    # The statistics as published (the JSON of `nrm stats`); for a bulletin that hides small
    # numbers, only the cells of its public tables by family (a hidden one null).
    figures: dict[str, Any]


def _version(version: PublishedVersion) -> dict[str, Any]:
    period = version.edition.period
    return {
        "period": period,
        "version": version.number,
        "published_at": version.published_at,
        "note": version.note,
        "withdrawn_at": version.withdrawn_at,
        "withdrawal_reason": version.withdrawal_reason,
        "files": {
            language: {
                fmt: reverse(
                    "public_bulletins:file",
                    kwargs={
                        "period": period,
                        "number": version.number,
                        "lang": language,
                        "fmt": fmt,
                    },
                )
                for fmt in FORMATS
            }
            for language in LANGUAGES
        },
    }


@router.get(
    "/bulletins",
    response=list[VersionOut],
    auth=None,
    summary="Published bulletins, newest first (no authentication)",
)
def published(request: HttpRequest) -> list[dict[str, Any]]:
    return [_version(version) for version in selectors.published_versions()]


@router.get(
    "/bulletins/{period}/{number}",
    response=VersionFiguresOut,
    auth=None,
    summary="A published version with the figures it was published with",
)
def version(request: HttpRequest, period: PeriodName, number: Id) -> dict[str, Any]:
    found = selectors.version_get(period=period, number=number)
    return {**_version(found), "figures": found.public_figures}
