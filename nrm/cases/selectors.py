"""Every read of victim cases and what hangs on them, already scoped to the reader.

Lists and case pages are pseudonymous: they show codes, never names. Who the person is comes
only from `case_identity`, which checks the right to see it and leaves an access entry.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Prefetch, QuerySet

from nrm.accounts.models import Organisation, User
from nrm.accounts.roles import require_role
from nrm.cases import rules
from nrm.cases.models import CaseExploitation, Person, VictimCase
from nrm.cases.services import person_match_index
from nrm.core.errors import NotFound, PermissionDenied
from nrm.core.services import record_access
from nrm.core.vocabularies import NOT_RECORDED


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    organisation: Organisation | int | None = None
    exploitation: str = ""  # a form's code, or "not_recorded"
    age_group: str = ""
    sex: str = ""
    citizenship: str = ""
    q: str = ""  # part of a case code


def _with_list_relations(qs: QuerySet[VictimCase]) -> QuerySet[VictimCase]:
    return qs.select_related("organisation", "municipality").prefetch_related(
        Prefetch("exploitations", queryset=CaseExploitation.objects.order_by("form"))
    )


def case_list(
    *, actor: User | None, filters: CaseFilters | None = None, **values: Any
) -> QuerySet[VictimCase]:
    """The cases `actor` may read, filtered; newest identification first, reports on top.

    Filters come as a CaseFilters or as its fields (`case_list(actor=u, status="potential")`).
    """
    require_role(actor, *rules.CASE_ROLES)
    filters = filters or CaseFilters(**values)
    qs = rules.visible_cases(actor)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.date_from:
        qs = qs.filter(identified_on__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(identified_on__lte=filters.date_to)
    if filters.organisation:
        qs = qs.filter(organisation=filters.organisation)
    if filters.exploitation == NOT_RECORDED:
        qs = qs.filter(exploitations__isnull=True)
    elif filters.exploitation:
        qs = qs.filter(exploitations__form=filters.exploitation)
    if filters.age_group:
        qs = qs.filter(age_group=filters.age_group)
    if filters.sex:
        qs = qs.filter(sex=filters.sex)
    if filters.citizenship:
        qs = qs.filter(citizenship=filters.citizenship.upper())
    if filters.q.strip():
        qs = qs.filter(code__icontains=filters.q.strip())
    qs = qs.order_by(F("identified_on").desc(nulls_first=True), "-code_year", "-code_number", "-pk")
    return _with_list_relations(qs)


def case_get(*, actor: User | None, code: str) -> VictimCase:
    """One case the actor may read, by its code (NotFound for any other, so that a code
    outside one's reach reveals nothing, not even that it exists)."""
    require_role(actor, *rules.CASE_ROLES)
    # The person is not joined: identifying data are loaded by case_identity only.
    qs = rules.visible_cases(
        actor, VictimCase.objects.select_related("organisation", "municipality", "created_by")
    )
    case = qs.filter(code=code.strip()).first()
    if case is None:
        raise NotFound()
    return case


def case_by_code(*, actor: User | None, code: str) -> VictimCase:
    """Resolve a case code to link another record to the case (e.g. an injured party).

    Open to the roles that link records (trial monitors included): knowing a code lets one
    refer to the case, and nothing more. Callers must show no more than the code.
    """
    require_role(actor, *rules.LINKING_ROLES)
    case = (
        VictimCase.objects.only("pk", "code", "version").filter(code__iexact=code.strip()).first()
    )
    if case is None:
        raise NotFound(f"No case with the code {code.strip()!r}.")
    return case


# Identifying data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """Who the person of a case is: only ever built by `case_identity`."""

    first_name: str
    last_name: str
    birth_date: datetime.date | None
    contact: str
    languages: list[str] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


def can_see_identity(*, actor: User | None, case: VictimCase) -> bool:
    return rules.can_see_identity(actor, case)


def case_identity(
    *, actor: User | None, case: VictimCase, purpose: str = "view_identity"
) -> Identity:
    """The person's identifying data, for those allowed to see it; every read is logged."""
    if not rules.can_see_identity(actor, case):
        raise PermissionDenied(_no_identity_message())
    person: Person = case.person
    if actor is not None:
        record_access(actor=actor, subject=case, label=case.code, purpose=purpose)
    return Identity(
        first_name=person.first_name,
        last_name=person.last_name,
        birth_date=person.birth_date,
        contact=person.contact,
        languages=list(person.languages or []),
    )


def _no_identity_message() -> str:
    from django.utils.translation import gettext as _

    return _("The identifying data of this case are not available to you.")


# Duplicates ---------------------------------------------------------------------------------


def person_matches_exist(
    *,
    actor: User | None,
    first_name: str,
    last_name: str,
    birth_date: datetime.date | None,
    exclude_case: VictimCase | None = None,
) -> bool:
    """Whether anyone, in any organisation, recorded a person with this name and birth date.

    Answers yes or no and nothing else: neither the other case nor its organisation.
    """
    require_role(actor, *rules.CASE_ROLES)
    index = person_match_index(first_name, last_name, birth_date)
    if not index:
        return False
    matches = Person.objects.filter(match_index=index)
    if exclude_case is not None:
        matches = matches.exclude(pk=exclude_case.person_id)
    return matches.exists()


def case_has_possible_duplicate(*, actor: User | None, case: VictimCase) -> bool:
    """Whether another person record has the same name and birth date as this case's."""
    require_role(actor, *rules.CASE_ROLES)
    index = Person.objects.filter(pk=case.person_id).values_list("match_index", flat=True).first()
    if not index:
        return False
    return Person.objects.filter(match_index=index).exclude(pk=case.person_id).exists()
