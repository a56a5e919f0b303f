"""Strict types for the API's inputs, shared by every app's schemas (nrm/<app>/api.py).

Each one turns nonsense into a 422 naming the field, instead of a silent conversion (pydantic
reads the number 0 as 1970-01-01) or a server error (a negative offset, a number beyond what
the database stores). `nrm/core/tests/test_api_types.py` walks the OpenAPI schema so that a new
endpoint with a plain `int` or an unchecked date fails the tests.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any

from annotated_types import Interval
from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from nrm.core.services import VERSION_NOT_GIVEN

# The largest value a database integer column (64 bits, signed) holds.
MAX_INT = 2**63 - 1
# Paging further than this is never useful and keeps OFFSET within what databases accept.
MAX_OFFSET = 1_000_000

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PERIOD = r"^[12]\d{3}(-H[12])?$"


def _error(message: str) -> PydanticCustomError:
    """A validation message as it is, without pydantic's "Value error, " in front."""
    return PydanticCustomError("invalid", message)


def _period_name(value: str) -> str:
    if not re.fullmatch(_PERIOD, value):
        raise _error("expected YYYY, YYYY-H1 or YYYY-H2")
    return value


def _iso_date(value: Any) -> Any:
    """Only a date or its ISO text (YYYY-MM-DD): never a number of seconds, never a datetime."""
    if isinstance(value, datetime.datetime):
        raise _error("a date is written YYYY-MM-DD")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    raise _error("a date is written YYYY-MM-DD")


def _integer(value: Any) -> Any:
    """No booleans nor fractions taken for integers (pydantic's lax mode takes true as 1)."""
    if isinstance(value, (bool, float)):
        raise _error("a whole number is expected")
    return value


Day = Annotated[datetime.date, BeforeValidator(_iso_date), Field(examples=["2025-03-01"])]
"""A calendar date, YYYY-MM-DD."""

Id = Annotated[int, Interval(ge=1, le=MAX_INT), BeforeValidator(_integer)]
"""The id of a record (a positive 64-bit integer)."""

Count = Annotated[int, Interval(ge=0, le=MAX_INT), BeforeValidator(_integer)]
"""A whole number that fits the database (a count, a year, an amount in whole units)."""

Offset = Annotated[int, Interval(ge=0, le=MAX_OFFSET), BeforeValidator(_integer)]
"""How many items of a list to skip."""


Limit = Annotated[int, Interval(ge=1, le=500), BeforeValidator(_integer)]
"""How many items of a list to return (each endpoint may return fewer)."""

PeriodName = Annotated[
    str,
    AfterValidator(_period_name),
    Field(examples=["2025", "2025-H1"], json_schema_extra={"pattern": _PERIOD}),
]
"""A reporting period: YYYY, YYYY-H1 or YYYY-H2."""

Version = Annotated[int, Interval(ge=0, le=MAX_INT), BeforeValidator(_integer)]
"""The version of a record as the client read it (optimistic locking)."""

VERSION_HELP = (
    "the version you read: required (without it the answer is 428); if someone changed the "
    "record since, the answer is 409"
)


def leave_out() -> Any:
    """The default of a field of a change (PATCH) that one may leave out but not set to null
    (`null` for a list or a text without an "unknown" value is a 422, not a server error)."""
    return Field(None)


def given_version(version: int | None) -> int:
    """The version a change is based on, for a service; none given makes the service answer
    428 (after its permission check), never a blind write."""
    return VERSION_NOT_GIVEN if version is None else version
