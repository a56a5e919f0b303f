"""Which fields of a case each reader sees: one policy for the web pages and the API.

Three layers (docs/permissions.md, "What a reader of a case sees"):
- the basic facts, for everyone who may open the case, including an organisation that has
  been sent a referral and has not answered it yet: what it needs to decide;
- the details (exact age, municipality, means of control, recruitment), for those who read the
  whole case (coordinators and the holders of the case, nrm.cases.rules.reads_whole_case);
- the identifying data of any person (the victim, guardians, contacts, free-text notes): never
  part of the case's fields; they come only from `selectors.case_identity`, which leaves an
  access entry.
A new field of a case page or of the case API belongs in one of the two sets below, and the
tests compare both outputs with them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nrm.cases import rules
from nrm.cases.models import ACCEPTED_REFERRAL_STATUSES, Referral, VictimCase
from nrm.core.roles import Role, has_role, roles_of

BASIC_FIELDS: frozenset[str] = frozenset(
    {
        "code",
        "status",
        "identified_on",
        "confirmed_on",
        "organisation",
        "sex",
        "age_group",
        "citizenship",
        "exploitation",
        "trafficking_scope",
        "version",
    }
)
# Quasi-identifiers and the circumstances of the exploitation: for those who hold the case.
DETAIL_FIELDS: frozenset[str] = frozenset(
    {"age_at_identification", "age_estimated", "municipality", "means_of_control", "recruitment"}
)
WHOLE_CASE_FIELDS: frozenset[str] = BASIC_FIELDS | DETAIL_FIELDS


def case_fields(actor: Any, case: VictimCase) -> frozenset[str]:
    """The fields of `case` that `actor` (who may open it) sees."""
    return WHOLE_CASE_FIELDS if rules.reads_whole_case(actor, case) else BASIC_FIELDS


def fields_of_cases(actor: Any, cases: Iterable[VictimCase]) -> dict[int, frozenset[str]]:
    """`case_fields` for a page of cases, in one query instead of one per case."""
    cases = list(cases)
    if actor is None or has_role(actor, Role.COORDINATOR):
        return {case.pk: WHOLE_CASE_FIELDS for case in cases}
    accepted: set[int] = set()
    organisation_id = getattr(actor, "organisation_id", None)
    if organisation_id is not None and roles_of(actor) & {Role.CASE_WORKER, Role.FIELD_IDENTIFIER}:
        accepted = set(
            Referral.objects.filter(
                case__in=[case.pk for case in cases],
                to_organisation_id=organisation_id,
                status__in=ACCEPTED_REFERRAL_STATUSES,
            ).values_list("case_id", flat=True)
        )
    return {
        case.pk: WHOLE_CASE_FIELDS
        if case.pk in accepted or _holds_without_referral(actor, case)
        else BASIC_FIELDS
        for case in cases
    }


def _holds_without_referral(actor: Any, case: VictimCase) -> bool:
    roles = roles_of(actor)
    if Role.CASE_WORKER in roles and case.organisation_id == actor.organisation_id:
        return True
    return Role.FIELD_IDENTIFIER in roles and case.created_by_id == actor.pk


def withheld(fields: frozenset[str]) -> list[str]:
    """The names of the fields a reader does not see, for the API's `withheld` list."""
    return sorted(WHOLE_CASE_FIELDS - fields)
