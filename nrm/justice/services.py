"""Every write to monitored court cases and what hangs on them.

Each service checks permission first (nrm.justice.rules), validates, writes inside one audited
transaction and returns what it wrote. Bad values raise ValidationError naming the field.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django_countries import countries

from nrm.accounts.models import Organisation, User
from nrm.cases.models import VictimCase
from nrm.cases.selectors import case_by_code
from nrm.core.dates import format_date
from nrm.core.errors import NotFound, PermissionDenied, ValidationError
from nrm.core.roles import require_role
from nrm.core.services import service, update_versioned, validated_save
from nrm.core.vocabularies import AgeGroup, ExploitationForm, Jurisdiction, Sex
from nrm.justice import rules
from nrm.justice.models import (
    CONVICTIONS,
    KEY_DATES,
    Article,
    Charge,
    ClaimOutcome,
    CompensationClaim,
    Court,
    CourtCase,
    Defendant,
    Hearing,
    HearingKind,
    HearingOutcome,
    InjuredParty,
    Instance,
    Outcome,
    Qualification,
    Sentence,
    Stage,
    Verdict,
)

CASE_FIELDS = (
    "court",
    "case_number",
    "stage",
    "monitoring_started_on",
    "monitoring_ended_on",
    *KEY_DATES,
    "exploitation_forms",
    "notes",
)
DEFENDANT_FIELDS = ("code", "sex", "citizenship", "age", "notes")
HEARING_FIELDS = ("held_on", "kind", "outcome", "notes")
INJURED_PARTY_FIELDS = ("code", "sex", "age_group", "citizenship", "victim_case_code", "notes")
CLAIM_FIELDS = ("claimed_bam", "outcome", "awarded_bam", "paid_bam", "decided_on", "defendant")
SENTENCE_FIELDS = (
    "imprisonment_months",
    "fine_bam",
    "suspended",
    "probation_months",
    "confiscated_bam",
)
ARTICLE_KEY = re.compile(r"^(?P<code>[a-z0-9]+):(?P<number>[0-9]+[a-z]*)$")


# Checks shared by every service ----------------------------------------------------------------


def _require_edit(actor: User | None, court_case: CourtCase) -> None:
    require_role(actor, *rules.WRITE_ROLES)
    if not rules.can_edit(actor, court_case):
        raise PermissionDenied()


def _only(values: Mapping[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected values: {', '.join(sorted(unknown))}")
    return dict(values)


def _choice(value: Any, allowed: Iterable[Any], field: str) -> Any:
    if value not in set(allowed):
        raise ValidationError(fields={field: [_("unknown code: %(code)s") % {"code": value}]})
    return value


def _citizenship(value: Any) -> str:
    code = str(value or "").strip().upper()
    if code and code not in countries:
        raise ValidationError(
            fields={
                "citizenship": [
                    _("%(code)s is not an ISO 3166-1 alpha-2 country code.") % {"code": code}
                ]
            }
        )
    return code


def _amount(value: Any, field: str) -> Decimal | None:
    """An amount in BAM: a number with at most two decimals, not negative."""
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(fields={field: [_("Enter an amount such as 1500.00.")]}) from None
    if not amount.is_finite():
        raise ValidationError(fields={field: [_("Enter an amount such as 1500.00.")]})
    if amount < 0:
        raise ValidationError(fields={field: [_("An amount cannot be negative.")]})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(fields={field: [_("Use at most two decimals.")]})
    return amount


def _whole(value: Any, field: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(fields={field: [_("Enter a whole number.")]}) from None
    if number < 0:
        raise ValidationError(fields={field: [_("A number cannot be negative.")]})
    return number


def _next_code(existing: Iterable[str], prefix: str) -> str:
    taken = set(existing)
    number = 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


# Court cases -----------------------------------------------------------------------------------


def _court(value: Court | str) -> Court:
    if isinstance(value, Court):
        return value
    court = Court.objects.filter(key=str(value or "").strip()).first()
    if court is None:
        raise ValidationError(fields={"court": [_("unknown court: %(code)s") % {"code": value}]})
    return court


def _case_number(value: Any) -> str:
    number = " ".join(str(value or "").split())
    if not number:
        raise ValidationError(fields={"case_number": [_("Give the court's case number.")]})
    return number


def _exploitation_forms(values: Any) -> list[str]:
    forms = sorted({str(v).strip() for v in values or [] if str(v).strip()})
    unknown = [f for f in forms if f not in ExploitationForm.values]
    if unknown:
        raise ValidationError(
            fields={
                "exploitation_forms": [_("unknown code: %(code)s") % {"code": c} for c in unknown]
            }
        )
    return forms


def _case_values(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = _only(values, CASE_FIELDS)
    if "court" in cleaned:
        cleaned["court"] = _court(cleaned["court"])
    if "case_number" in cleaned:
        cleaned["case_number"] = _case_number(cleaned["case_number"])
    if "stage" in cleaned:
        _choice(cleaned["stage"], Stage.values, "stage")
    if "exploitation_forms" in cleaned:
        cleaned["exploitation_forms"] = _exploitation_forms(cleaned["exploitation_forms"])
    if "notes" in cleaned:
        cleaned["notes"] = (cleaned["notes"] or "").strip()
    return cleaned


def _check_number_free(court: Court, number: str, exclude: CourtCase | None = None) -> None:
    taken = CourtCase.objects.filter(court=court, case_number__iexact=number)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise ValidationError(
            fields={"case_number": [_("This court's case with this number is already monitored.")]}
        )


def _monitoring_organisation(actor: User | None, given: Organisation | None) -> Organisation:
    """A trial monitor records for their own organisation; the system names one."""
    if actor is None:
        if given is None:
            raise ValidationError(
                fields={"monitoring_organisation": [_("Name the monitoring organisation.")]}
            )
        return given
    if actor.organisation is None or (given is not None and given.pk != actor.organisation_id):
        raise PermissionDenied()
    return actor.organisation


@service
def court_case_create(
    *, actor: User | None, monitoring_organisation: Organisation | None = None, **values: Any
) -> CourtCase:
    """Start monitoring a court case (values: CASE_FIELDS; court and case number required)."""
    require_role(actor, *rules.WRITE_ROLES)
    organisation = _monitoring_organisation(actor, monitoring_organisation)
    cleaned = _case_values(values)
    if "court" not in cleaned:
        raise ValidationError(fields={"court": [_("Choose the court.")]})
    court = cleaned["court"]
    if not court.is_active:
        raise ValidationError(fields={"court": [_("This court is no longer in the catalogue.")]})
    _check_number_free(court, cleaned.get("case_number", ""))
    court_case = CourtCase(
        monitoring_organisation=organisation,
        jurisdiction=court.jurisdiction,
        created_by=actor,
        **cleaned,
    )
    return validated_save(court_case)


@service
def court_case_update(
    *, actor: User | None, court_case: CourtCase, expected_version: int, **changes: Any
) -> CourtCase:
    """Change a court case; fails with Conflict if someone saved it since `expected_version`."""
    _require_edit(actor, court_case)
    cleaned = _case_values(changes)
    if "court" in cleaned:
        cleaned["jurisdiction"] = cleaned["court"].jurisdiction
    if "court" in cleaned or "case_number" in cleaned:
        _check_number_free(
            cleaned.get("court", court_case.court),
            cleaned.get("case_number", court_case.case_number),
            exclude=court_case,
        )
    return update_versioned(court_case, expected_version=expected_version, changes=cleaned)


@service
def court_case_delete(*, actor: User | None, court_case: CourtCase) -> None:
    """Remove a case recorded by mistake, with everything recorded on it (all audited)."""
    _require_edit(actor, court_case)
    court_case.delete()


# Defendants ------------------------------------------------------------------------------------


def _defendant_values(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = _only(values, DEFENDANT_FIELDS)
    if "code" in cleaned:
        cleaned["code"] = str(cleaned["code"] or "").strip()
    if "sex" in cleaned:
        cleaned["sex"] = _choice(cleaned["sex"] or Sex.UNKNOWN, Sex.values, "sex")
    if "citizenship" in cleaned:
        cleaned["citizenship"] = _citizenship(cleaned["citizenship"])
    if "age" in cleaned:
        cleaned["age"] = _whole(cleaned["age"], "age")
    if "notes" in cleaned:
        cleaned["notes"] = (cleaned["notes"] or "").strip()
    return cleaned


def _check_code_free(queryset: Any, code: str, exclude_pk: int | None = None) -> None:
    taken = queryset.filter(code__iexact=code)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError(fields={"code": [_("Another record of this case has this code.")]})


@service
def defendant_add(*, actor: User | None, court_case: CourtCase, **values: Any) -> Defendant:
    """Add a defendant; without a code, the next free D1, D2, ... is given."""
    _require_edit(actor, court_case)
    cleaned = _defendant_values(values)
    existing = court_case.defendants.all()
    if not cleaned.get("code"):
        cleaned["code"] = _next_code(existing.values_list("code", flat=True), "D")
    _check_code_free(existing, cleaned["code"])
    return validated_save(Defendant(court_case=court_case, **cleaned))


@service
def defendant_update(*, actor: User | None, defendant: Defendant, **changes: Any) -> Defendant:
    _require_edit(actor, defendant.court_case)
    cleaned = _defendant_values(changes)
    if "code" in cleaned:
        if not cleaned["code"]:
            raise ValidationError(fields={"code": [_("Give the defendant a code.")]})
        _check_code_free(defendant.court_case.defendants.all(), cleaned["code"], defendant.pk)
    for name, value in cleaned.items():
        setattr(defendant, name, value)
    return validated_save(defendant)


@service
def defendant_remove(*, actor: User | None, defendant: Defendant) -> None:
    _require_edit(actor, defendant.court_case)
    defendant.delete()


# Charges ----------------------------------------------------------------------------------------


def resolve_article(value: Article | int | str) -> Article:
    """An article from itself, its id or its key ('fbih:210a')."""
    if isinstance(value, Article):
        return value
    text = str(value).strip().lower()
    found: Article | None = None
    match = ARTICLE_KEY.match(text)
    if match:
        found = (
            Article.objects.select_related("code")
            .filter(code_id=match["code"], number=match["number"])
            .first()
        )
    elif text.isdigit():
        found = Article.objects.select_related("code").filter(pk=int(text)).first()
    if found is None:
        raise ValidationError(
            fields={"article": [_("unknown article: %(code)s") % {"code": value}]}
        )
    return found


@service
def charge_add(
    *,
    actor: User | None,
    defendant: Defendant,
    article: Article | int | str,
    qualification: str = Qualification.INITIAL,
    confirmed: bool = False,
) -> Charge:
    """Add a charge; an unusual one (see `unusual_charge`) only when `confirmed`."""
    _require_edit(actor, defendant.court_case)
    found = resolve_article(article)
    _choice(qualification, Qualification.values, "qualification")
    if not found.is_active:
        raise ValidationError(
            fields={"article": [_("This article is no longer in the catalogue.")]}
        )
    warning = unusual_charge(found, defendant.court_case.court)
    if warning and not confirmed:
        raise ValidationError(fields={"confirmed": [warning]})
    if defendant.charges.filter(article=found, qualification=qualification).exists():
        raise ValidationError(fields={"article": [_("This charge is already recorded.")]})
    return validated_save(Charge(defendant=defendant, article=found, qualification=qualification))


def unusual_charge(article: Article, court: Court) -> str:
    """Why a charge is unusual in this court ("" when it is not): CC BiH offences are tried
    by the Court of BiH, so one in an entity or Brčko court is more often a wrong code."""
    if article.code.jurisdiction == Jurisdiction.BIH and court.jurisdiction != Jurisdiction.BIH:
        return _(
            "Article %(number)s of the %(code)s is applied by the Court of BiH, and this case is "
            "in %(court)s. Check the code; confirm to record the charge anyway."
        ) % {"number": article.number, "code": article.code, "court": court}
    return ""


@service
def charge_remove(*, actor: User | None, charge: Charge) -> None:
    _require_edit(actor, charge.defendant.court_case)
    charge.delete()


@service
def charges_confirm_as_final(*, actor: User | None, defendant: Defendant) -> list[Charge]:
    """The court kept the charges as they were: copy them as its final qualification."""
    _require_edit(actor, defendant.court_case)
    initial = list(defendant.charges.filter(qualification=Qualification.INITIAL))
    if not initial:
        raise ValidationError(
            fields={"article": [_("Record the charges first: there are none to confirm.")]}
        )
    final = set(
        defendant.charges.filter(qualification=Qualification.FINAL).values_list(
            "article_id", flat=True
        )
    )
    created = []
    for charge in initial:
        if charge.article_id not in final:
            created.append(
                validated_save(
                    Charge(
                        defendant=defendant,
                        article_id=charge.article_id,
                        qualification=Qualification.FINAL,
                    )
                )
            )
    return created


# Verdicts and sentences -----------------------------------------------------------------------


def _sentence_values(values: Mapping[str, Any] | None) -> dict[str, Any]:
    cleaned = _only(values or {}, SENTENCE_FIELDS)
    return {
        "imprisonment_months": _whole(cleaned.get("imprisonment_months"), "imprisonment_months"),
        "fine_bam": _amount(cleaned.get("fine_bam"), "fine_bam"),
        "suspended": bool(cleaned.get("suspended") or False),
        "probation_months": _whole(cleaned.get("probation_months"), "probation_months"),
        "confiscated_bam": _amount(cleaned.get("confiscated_bam"), "confiscated_bam"),
    }


def _instance(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    return int(_choice(number, Instance.values, "instance"))


def _is_empty(sentence: Mapping[str, Any]) -> bool:
    # `is`, not `in`: a fine of 0 (== False) is a value, and an invalid one.
    return all(value is None or value is False for value in sentence.values())


def _check_verdict_dates(defendant: Defendant, instance: int, day: datetime.date) -> None:
    court_case = defendant.court_case
    field = "pronounced_on"
    if court_case.indictment_filed_on and day < court_case.indictment_filed_on:
        raise ValidationError(
            fields={
                field: [
                    _("The verdict cannot precede the indictment (%(date)s).")
                    % {"date": format_date(court_case.indictment_filed_on)}
                ]
            }
        )
    if court_case.final_decision_on and day > court_case.final_decision_on:
        raise ValidationError(
            fields={
                field: [
                    _("The verdict cannot follow the final decision (%(date)s).")
                    % {"date": format_date(court_case.final_decision_on)}
                ]
            }
        )
    lower = defendant.verdicts.filter(instance__lt=instance).order_by("-instance").first()
    if instance > Instance.FIRST and lower is None:
        raise ValidationError(
            fields={"instance": [_("Record the verdict of the lower instance first.")]}
        )
    if lower is not None and day < lower.pronounced_on:
        raise ValidationError(
            fields={
                field: [
                    _("The verdict cannot precede the lower instance's (%(date)s).")
                    % {"date": format_date(lower.pronounced_on)}
                ]
            }
        )
    higher = defendant.verdicts.filter(instance__gt=instance).order_by("instance").first()
    if higher is not None and day > higher.pronounced_on:
        raise ValidationError(
            fields={
                field: [
                    _("The verdict cannot follow the higher instance's (%(date)s).")
                    % {"date": format_date(higher.pronounced_on)}
                ]
            }
        )


@service
def verdict_record(
    *,
    actor: User | None,
    defendant: Defendant,
    outcome: str,
    pronounced_on: datetime.date,
    instance: int = Instance.FIRST,
    sentence: Mapping[str, Any] | None = None,
) -> Verdict:
    """Record (or correct) the verdict of one instance, with its sentence for a conviction.

    A plea agreement is a conviction and carries a sentence; an acquittal or a dismissal does
    not. Recording the verdict again replaces the instance's verdict and sentence.
    """
    _require_edit(actor, defendant.court_case)
    _choice(outcome, Outcome.values, "outcome")
    instance = _instance(instance)
    if pronounced_on is None:
        raise ValidationError(fields={"pronounced_on": [_("Give the date of the verdict.")]})
    penalty = _sentence_values(sentence)
    convicted = outcome in CONVICTIONS
    if not convicted and not _is_empty(penalty):
        raise ValidationError(
            fields={
                "outcome": [
                    _(
                        "Only a conviction or a plea agreement carries a sentence: clear the "
                        "sentence or change the outcome."
                    )
                ]
            }
        )
    _check_verdict_dates(defendant, instance, pronounced_on)
    verdict = defendant.verdicts.filter(instance=instance).first() or Verdict(
        defendant=defendant, instance=instance
    )
    verdict.outcome = outcome
    verdict.pronounced_on = pronounced_on
    validated_save(verdict)
    if instance == Instance.FIRST:
        _advance_to_first_instance_verdict(defendant.court_case, pronounced_on)
    current = Sentence.objects.filter(verdict=verdict).first()
    if convicted and not _is_empty(penalty):
        record = current or Sentence(verdict=verdict)
        for name, value in penalty.items():
            setattr(record, name, value)
        validated_save(record)
    elif current is not None:
        current.delete()
    return verdict


# The stages a court case is at before any first-instance verdict.
BEFORE_VERDICT = (Stage.INVESTIGATION, Stage.INDICTMENT, Stage.TRIAL)


def _advance_to_first_instance_verdict(court_case: CourtCase, pronounced_on: datetime.date) -> None:
    """A first-instance verdict moves the case to that stage (never backwards).

    Without an indictment date the stage cannot move (the model requires one from the
    indictment on); the data-quality review then shows the case (nrm.justice.quality).
    """
    court_case.refresh_from_db()
    if court_case.stage not in BEFORE_VERDICT or court_case.indictment_filed_on is None:
        return
    changes: dict[str, Any] = {"stage": Stage.FIRST_INSTANCE_VERDICT}
    if court_case.first_instance_verdict_on is None:
        changes["first_instance_verdict_on"] = pronounced_on
    update_versioned(court_case, expected_version=court_case.version, changes=changes)


@service
def verdict_remove(*, actor: User | None, verdict: Verdict) -> None:
    _require_edit(actor, verdict.defendant.court_case)
    if verdict.defendant.verdicts.filter(instance__gt=verdict.instance).exists():
        raise ValidationError(
            fields={"instance": [_("Remove the verdict of the higher instance first.")]}
        )
    verdict.delete()


# Hearings --------------------------------------------------------------------------------------


def _hearing_values(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = _only(values, HEARING_FIELDS)
    if "kind" in cleaned:
        _choice(cleaned["kind"], HearingKind.values, "kind")
    if "outcome" in cleaned:
        _choice(cleaned["outcome"], HearingOutcome.values, "outcome")
    if "notes" in cleaned:
        cleaned["notes"] = (cleaned["notes"] or "").strip()
    return cleaned


@service
def hearing_add(*, actor: User | None, court_case: CourtCase, **values: Any) -> Hearing:
    _require_edit(actor, court_case)
    cleaned = _hearing_values(values)
    if cleaned.get("held_on") is None:
        raise ValidationError(fields={"held_on": [_("Give the date of the hearing.")]})
    return validated_save(Hearing(court_case=court_case, **cleaned))


@service
def hearing_update(*, actor: User | None, hearing: Hearing, **changes: Any) -> Hearing:
    _require_edit(actor, hearing.court_case)
    for name, value in _hearing_values(changes).items():
        setattr(hearing, name, value)
    return validated_save(hearing)


@service
def hearing_remove(*, actor: User | None, hearing: Hearing) -> None:
    _require_edit(actor, hearing.court_case)
    hearing.delete()


# Injured parties and compensation ------------------------------------------------------------


def _victim_case(
    actor: User | None, code: str, court_case: CourtCase, exclude_pk: int | None
) -> VictimCase | None:
    """Resolve a victim case code for linking; the monitor learns nothing but that it exists."""
    code = (code or "").strip()
    if not code:
        return None
    try:
        victim_case = case_by_code(actor=actor, code=code)
    except NotFound:
        raise ValidationError(
            fields={
                "victim_case_code": [_("No victim case has the code %(code)s.") % {"code": code}]
            }
        ) from None
    linked = court_case.injured_parties.filter(victim_case=victim_case)
    if exclude_pk is not None:
        linked = linked.exclude(pk=exclude_pk)
    if linked.exists():
        raise ValidationError(
            fields={"victim_case_code": [_("Another injured party of this case is linked to it.")]}
        )
    return victim_case


def _injured_party_values(
    actor: User | None, court_case: CourtCase, values: Mapping[str, Any], exclude_pk: int | None
) -> dict[str, Any]:
    cleaned = _only(values, INJURED_PARTY_FIELDS)
    if "code" in cleaned:
        cleaned["code"] = str(cleaned["code"] or "").strip()
    if "sex" in cleaned:
        cleaned["sex"] = _choice(cleaned["sex"] or Sex.UNKNOWN, Sex.values, "sex")
    if "age_group" in cleaned:
        cleaned["age_group"] = _choice(
            cleaned["age_group"] or AgeGroup.UNKNOWN, AgeGroup.values, "age_group"
        )
    if "citizenship" in cleaned:
        cleaned["citizenship"] = _citizenship(cleaned["citizenship"])
    if "victim_case_code" in cleaned:
        cleaned["victim_case"] = _victim_case(
            actor, cleaned.pop("victim_case_code"), court_case, exclude_pk
        )
    if "notes" in cleaned:
        cleaned["notes"] = (cleaned["notes"] or "").strip()
    return cleaned


@service
def injured_party_add(*, actor: User | None, court_case: CourtCase, **values: Any) -> InjuredParty:
    """Add an injured party; `victim_case_code` links a victim case of the referral mechanism."""
    _require_edit(actor, court_case)
    cleaned = _injured_party_values(actor, court_case, values, None)
    existing = court_case.injured_parties.all()
    if not cleaned.get("code"):
        cleaned["code"] = _next_code(existing.values_list("code", flat=True), "O")
    _check_code_free(existing, cleaned["code"])
    return validated_save(InjuredParty(court_case=court_case, **cleaned))


@service
def injured_party_update(
    *, actor: User | None, injured_party: InjuredParty, **changes: Any
) -> InjuredParty:
    """Change an injured party; `victim_case_code=""` removes the link."""
    court_case = injured_party.court_case
    _require_edit(actor, court_case)
    cleaned = _injured_party_values(actor, court_case, changes, injured_party.pk)
    if "code" in cleaned:
        if not cleaned["code"]:
            raise ValidationError(fields={"code": [_("Give the injured party a code.")]})
        _check_code_free(court_case.injured_parties.all(), cleaned["code"], injured_party.pk)
    for name, value in cleaned.items():
        setattr(injured_party, name, value)
    return validated_save(injured_party)


@service
def injured_party_remove(*, actor: User | None, injured_party: InjuredParty) -> None:
    _require_edit(actor, injured_party.court_case)
    injured_party.delete()


def _claim_values(injured_party: InjuredParty, values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = _only(values, CLAIM_FIELDS)
    for field in ("claimed_bam", "awarded_bam", "paid_bam"):
        if field in cleaned:
            cleaned[field] = _amount(cleaned[field], field)
    if "outcome" in cleaned:
        _choice(cleaned["outcome"], ClaimOutcome.values, "outcome")
    if "defendant" in cleaned:
        defendant = cleaned["defendant"]
        if isinstance(defendant, int):
            defendant = Defendant.objects.filter(pk=defendant).first()
        if defendant is not None and defendant.court_case_id != injured_party.court_case_id:
            raise ValidationError(
                fields={"defendant": [_("Choose a defendant of the same court case.")]}
            )
        cleaned["defendant"] = defendant
    return cleaned


@service
def claim_add(
    *, actor: User | None, injured_party: InjuredParty, **values: Any
) -> CompensationClaim:
    """Record a compensation claim (amounts in BAM): claimed, and once decided, awarded, paid."""
    _require_edit(actor, injured_party.court_case)
    cleaned = _claim_values(injured_party, values)
    if cleaned.get("claimed_bam") is None:
        raise ValidationError(fields={"claimed_bam": [_("Give the amount claimed.")]})
    return validated_save(CompensationClaim(injured_party=injured_party, **cleaned))


@service
def claim_update(
    *, actor: User | None, claim: CompensationClaim, **changes: Any
) -> CompensationClaim:
    _require_edit(actor, claim.injured_party.court_case)
    for name, value in _claim_values(claim.injured_party, changes).items():
        setattr(claim, name, value)
    if claim.claimed_bam is None:
        raise ValidationError(fields={"claimed_bam": [_("Give the amount claimed.")]})
    return validated_save(claim)


@service
def claim_remove(*, actor: User | None, claim: CompensationClaim) -> None:
    _require_edit(actor, claim.injured_party.court_case)
    claim.delete()
