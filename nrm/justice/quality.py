"""Data-quality checks of trial monitoring: what would make its figures wrong or incomplete."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nrm.core.periods import Period
from nrm.core.quality import Finding
from nrm.core.vocabularies import Jurisdiction, Sex
from nrm.justice.models import (
    CONVICTIONS,
    Charge,
    CourtCase,
    Defendant,
    Instance,
    Qualification,
    Sentence,
    Stage,
    Verdict,
)
from nrm.justice.statistics import finalized_cases, monitored_cases, standing_verdicts


def _finding(kind: str, message: str, court_case: CourtCase) -> Finding:
    return Finding(
        kind=kind,
        message=message,
        record=f"court_case:{court_case.pk}",
        label=f"{court_case.court} {court_case.case_number}",
        url=reverse("justice:detail", args=[court_case.pk]),
    )


def _label(court_case: CourtCase) -> dict[str, str]:
    return {"court": str(court_case.court), "number": court_case.case_number}


def trial_monitoring_checks(*, period: Period, actor: Any = None) -> list[Finding]:
    """Findings for the cases monitored in the period that `actor` may read (None: all)."""
    monitored = monitored_cases(period, actor).select_related("court")
    finalized = finalized_cases(period, actor).select_related("court")
    findings: list[Finding] = []
    findings += _without_charges(monitored)
    findings += _sex_not_recorded(monitored)
    findings += _without_verdicts(finalized)
    findings += _convictions_without_sentence(finalized)
    findings += _without_final_qualification(finalized)
    findings += _stage_behind_verdict(monitored)
    findings += _state_code_in_entity_court(monitored)
    return findings


def _without_charges(monitored: QuerySet[CourtCase]) -> list[Finding]:
    charged = Exists(Charge.objects.filter(defendant__court_case=OuterRef("pk")))
    return [
        _finding(
            "not_recorded",
            _("%(court)s %(number)s: no charges are recorded, so it counts under no article.")
            % _label(case),
            case,
        )
        for case in monitored.filter(~charged)
    ]


def _sex_not_recorded(monitored: QuerySet[CourtCase]) -> list[Finding]:
    cases = monitored.annotate(
        unknown=Count("defendants", filter=~Q(defendants__sex__in=(Sex.MALE, Sex.FEMALE)))
    ).filter(unknown__gt=0)
    return [
        _finding(
            "not_recorded",
            ngettext(
                "%(court)s %(number)s: the sex of %(count)s defendant is not recorded; it "
                "counts in the total only.",
                "%(court)s %(number)s: the sex of %(count)s defendants is not recorded; they "
                "count in the total only.",
                case.unknown,
            )
            % {**_label(case), "count": case.unknown},
            case,
        )
        for case in cases
    ]


def _without_verdicts(finalized: QuerySet[CourtCase]) -> list[Finding]:
    judged = Exists(standing_verdicts().filter(defendant=OuterRef("pk")))
    missing = Defendant.objects.filter(court_case__in=finalized).filter(~judged)
    cases = finalized.filter(defendants__in=missing).distinct()
    return [
        _finding(
            "missing_verdict",
            _("%(court)s %(number)s is final, but a defendant has no verdict recorded.")
            % _label(case),
            case,
        )
        for case in cases
    ]


def _convictions_without_sentence(finalized: QuerySet[CourtCase]) -> list[Finding]:
    sentenced = Exists(Sentence.objects.filter(verdict=OuterRef("pk")))
    convictions = standing_verdicts().filter(
        defendant__court_case__in=finalized, outcome__in=CONVICTIONS
    )
    unsentenced = convictions.filter(~sentenced).values("defendant__court_case")
    cases = finalized.filter(pk__in=unsentenced)
    return [
        _finding(
            "missing_sentence",
            _("%(court)s %(number)s: a conviction has no sentence recorded.") % _label(case),
            case,
        )
        for case in cases
    ]


def _without_final_qualification(finalized: QuerySet[CourtCase]) -> list[Finding]:
    qualified = Exists(
        Charge.objects.filter(
            defendant__court_case=OuterRef("pk"), qualification=Qualification.FINAL
        )
    )
    return [
        _finding(
            "not_recorded",
            _("%(court)s %(number)s is final, but the court's legal qualification is not recorded.")
            % _label(case),
            case,
        )
        for case in finalized.filter(~qualified)
    ]


def _stage_behind_verdict(monitored: QuerySet[CourtCase]) -> list[Finding]:
    """Plausibility: a first-instance verdict is recorded, the stage is still before it
    (recording the verdict moves it, unless the indictment date is missing)."""
    judged = Exists(
        Verdict.objects.filter(defendant__court_case=OuterRef("pk"), instance=Instance.FIRST)
    )
    before = (Stage.INVESTIGATION, Stage.INDICTMENT, Stage.TRIAL)
    return [
        _finding(
            "implausible",
            _(
                "%(court)s %(number)s: a first-instance verdict is recorded, but the case is "
                "at the stage “%(stage)s”."
            )
            % {**_label(case), "stage": case.get_stage_display()},
            case,
        )
        for case in monitored.filter(judged, stage__in=before)
    ]


def _state_code_in_entity_court(monitored: QuerySet[CourtCase]) -> list[Finding]:
    """Plausibility: CC BiH offences are tried by the Court of BiH (a confirmed exception, or
    an imported record, still deserves a look before publication)."""
    unusual = Exists(
        Charge.objects.filter(
            defendant__court_case=OuterRef("pk"), article__code__jurisdiction=Jurisdiction.BIH
        )
    )
    cases = monitored.filter(unusual).exclude(court__jurisdiction=Jurisdiction.BIH)
    return [
        _finding(
            "implausible",
            _("%(court)s %(number)s: a charge under the CC BiH in a court that does not apply it.")
            % _label(case),
            case,
        )
        for case in cases
    ]
