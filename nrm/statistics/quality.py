"""The data-quality review: every finding of every registered check, before publication.

The review covers what the bulletin for a period covers: the period's activities, and the
statistics of the calendar year up to the period's end. Besides the apps' own checks (records
not recorded, duplicates, unapproved activities) it checks the published figures themselves:
each part-whole relation of the statistics that does not add up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nrm.core.periods import Period
from nrm.core.quality import Finding
from nrm.core.registry import nrm_apps
from nrm.core.roles import Role, require_role
from nrm.core.vocabularies import NOT_RECORDED
from nrm.statistics import labels

# Apps whose records the bulletin reports for the period itself (not the year to date).
PERIOD_APPS = frozenset({"activities"})
KIND_ORDER = (
    "parts_exceed_total",
    "parts_below_total",
    "not_recorded",
    "possible_duplicate",
    "unapproved",
    "resolved",
)


@dataclass(frozen=True)
class Coverage:
    """What a bulletin for `period` covers."""

    period: Period

    @property
    def statistics(self) -> Period:
        return self.period.year_to_date()

    def for_app(self, label: str) -> Period:
        return self.period if label in PERIOD_APPS else self.statistics


def quality_review(*, actor: Any, period: Period) -> list[Finding]:
    """Every finding for the bulletin of `period`, most serious kinds first."""
    require_role(actor, Role.COORDINATOR)
    coverage = Coverage(period)
    findings: list[Finding] = []
    for label, check in _registered_checks():
        if label == "statistics":
            continue  # ours, run below with each family's own period
        findings.extend(check(period=coverage.for_app(label)))
    findings.extend(part_whole_findings(coverage))
    return _ordered(_unique(findings))


def part_whole_checks(*, period: Period) -> list[Finding]:
    """The registered form of our check: every family over the same period."""
    return part_whole_findings(Coverage(period), same_period=True)


def _registered_checks() -> list[tuple[str, Callable[..., list[Finding]]]]:
    from django.utils.module_loading import import_string

    return [
        (config.label, import_string(path))
        for config in nrm_apps()
        for path in config.quality_checks
    ]


def _unique(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[tuple[str, str, str]] = set()
    result = []
    for finding in findings:
        key = (finding.kind, finding.record, finding.message)
        if key not in seen:
            seen.add(key)
            result.append(finding)
    return result


def _ordered(findings: list[Finding]) -> list[Finding]:
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
    return sorted(findings, key=lambda f: (rank.get(f.kind, len(rank)), f.record))


# Part-whole checks of the figures -----------------------------------------------------------


def part_whole_findings(coverage: Coverage, *, same_period: bool = False) -> list[Finding]:
    from nrm.statistics.selectors import family_apps, statistics_for_period

    findings: list[Finding] = []
    for family, app in family_apps().items():
        rules = FAMILY_RULES.get(family)
        if rules is None:
            continue
        period = coverage.period if same_period else coverage.for_app(app)
        data = statistics_for_period(period=period, families=[family])[family]
        context = _Context(family, period)
        for rule in rules:
            findings.extend(rule(data, context))
    return findings


@dataclass(frozen=True)
class _Context:
    family: str
    period: Period

    def finding(self, kind: str, path: str, message: str) -> Finding:
        query = urlencode(
            {"from": self.period.start.isoformat(), "to": self.period.end.isoformat()}
        )
        return Finding(
            kind=kind,
            message=message,
            record=f"statistics:{self.family}.{path}",
            label=str(labels.family_label(self.family)),
            url=f"{reverse('statistics:dashboard')}?{query}#family-{self.family}",
        )

    def compare(self, path: str, what: str, total: int, parts: int) -> list[Finding]:
        """A breakdown whose parts must add up to its total exactly."""
        if parts > total:
            return [self.exceeds(path, what, total, parts)]
        if parts < total:
            return [self.short(path, what, total, parts)]
        return []

    def exceeds(self, path: str, what: str, total: int, parts: int) -> Finding:
        return self.finding(
            "parts_exceed_total",
            path,
            _(
                "%(family)s, %(what)s: the parts add up to %(parts)s, more than the total of "
                "%(total)s."
            )
            % {
                "family": labels.family_label(self.family),
                "what": what,
                "parts": parts,
                "total": total,
            },
        )

    def short(self, path: str, what: str, total: int, parts: int) -> Finding:
        return self.finding(
            "parts_below_total",
            path,
            _(
                "%(family)s, %(what)s: the parts add up to %(parts)s, less than the total of "
                "%(total)s."
            )
            % {
                "family": labels.family_label(self.family),
                "what": what,
                "parts": parts,
                "total": total,
            },
        )


Rule = Callable[[Mapping[str, Any], _Context], list[Finding]]


def _sum(values: Mapping[str, Any], *, without: Iterable[str] = ()) -> int:
    skip = set(without)
    return sum(int(v) for k, v in values.items() if k not in skip and isinstance(v, int))


def _victims_by_sex_and_age(data: Mapping[str, Any], ctx: _Context) -> list[Finding]:
    total = int(data["total"])
    findings = ctx.compare("by_sex", _("victims by sex"), total, _sum(data["by_sex"]))
    groups = data["by_age_group"]
    findings += ctx.compare(
        "by_age_group",
        _("victims by age group"),
        total,
        sum(int(row["total"]) for row in groups.values()),
    )
    for group, row in groups.items():
        findings += ctx.compare(
            f"by_age_group.{group}",
            _("%(group)s by sex") % {"group": labels.key_label(group)},
            int(row["total"]),
            _sum(row, without=("total",)),
        )
    findings += ctx.compare("by_status", _("victims by status"), total, _sum(data["by_status"]))
    return findings


def _victims_by_citizenship(data: Mapping[str, Any], ctx: _Context) -> list[Finding]:
    total = int(data["total"])
    groups = int(data["nationals"]) + int(data["foreigners"]) + int(data["citizenship_unknown"])
    return [
        *ctx.compare("nationals", _("nationals, foreigners and unknown"), total, groups),
        *ctx.compare(
            "by_citizenship", _("victims by citizenship"), total, _sum(data["by_citizenship"])
        ),
    ]


def _victims_by_exploitation(data: Mapping[str, Any], ctx: _Context) -> list[Finding]:
    """A victim may count under several forms, so the forms may add up to more than the
    total; they may not add up to less than the victims with a form recorded."""
    total = int(data["total"])
    forms = data["by_exploitation"]
    missing = int(forms.get(NOT_RECORDED, 0))
    recorded = _sum(forms, without=(NOT_RECORDED,))
    if recorded + missing < total:
        return [
            ctx.short(
                "by_exploitation", _("victims by form of exploitation"), total, recorded + missing
            )
        ]
    if missing:
        message = ngettext(
            "Victims, forms of exploitation: the recorded forms add up to %(parts)s for "
            "%(total)s victims; for %(count)s victim the form was not recorded.",
            "Victims, forms of exploitation: the recorded forms add up to %(parts)s for "
            "%(total)s victims; for %(count)s victims the form was not recorded.",
            missing,
        ) % {"parts": recorded, "total": total, "count": missing}
        return [ctx.finding("parts_below_total", "by_exploitation", message)]
    return []


def _referrals(data: Mapping[str, Any], ctx: _Context) -> list[Finding]:
    total = int(data["total"])
    services = data["services"]
    return [
        *ctx.compare(
            "by_service_type", _("referrals by service"), total, _sum(data["by_service_type"])
        ),
        *ctx.compare("by_status", _("referrals by status"), total, _sum(data["by_status"])),
        *ctx.compare(
            "services.by_service_type",
            _("services delivered by service"),
            int(services["total"]),
            _sum(services["by_service_type"]),
        ),
    ]


def _monitoring(data: Mapping[str, Any], ctx: _Context) -> list[Finding]:
    cases = data["cases"]
    defendants = data["defendants"]
    findings = ctx.compare(
        "cases",
        _("monitored cases, ongoing and finalized"),
        int(cases["total"]),
        int(cases["ongoing"]) + int(cases["finalized"]),
    )
    findings += ctx.compare(
        "defendants",
        _("defendants by sex"),
        int(defendants["total"]),
        int(defendants["male"]) + int(defendants["female"]),
    )
    convicted = int(data["verdicts"]["convicted"])
    sentences = data["sentences"]
    sentenced = sum(int(sentences[k]) for k in ("suspended", "imprisonment", "fine"))
    if sentenced < convicted:
        findings.append(
            ctx.short("sentences", _("sentences of convicted defendants"), convicted, sentenced)
        )
    for key in ("imprisonment_months", "suspended_months", "fines_bam"):
        bounds = sentences.get(key) or {}
        low, high = bounds.get("min"), bounds.get("max")
        if low is not None and high is not None and low > high:
            findings.append(
                ctx.finding(
                    "inconsistent",
                    f"sentences.{key}",
                    _(
                        "Trial monitoring, %(what)s: the lowest (%(low)s) is above the highest "
                        "(%(high)s)."
                    )
                    % {"what": labels.key_label(key), "low": low, "high": high},
                )
            )
    return findings


def _activities(data: Mapping[str, Any], ctx: _Context) -> list[Finding]:
    """Events by type against the events; participants and campaign reach by sex against their
    totals (reports whose women and men exceed their total make the parts exceed it)."""
    people = data["participants"]
    reach = data["campaign_reach"]
    findings = ctx.compare(
        "by_type", _("activities by type"), int(data["total"]), _sum(data["by_type"])
    )
    parts = int(people["women"]) + int(people["men"]) + int(people["unknown_sex"])
    if parts > int(people["total"]):
        findings.append(
            ctx.exceeds("participants", _("participants by sex"), int(people["total"]), parts)
        )
    reached = int(reach["women"]) + int(reach["men"])
    if reached > int(reach["people"]):
        findings.append(
            ctx.exceeds("campaign_reach", _("people reached by sex"), int(reach["people"]), reached)
        )
    return findings


def _screening(data: Mapping[str, Any], ctx: _Context) -> list[Finding]:
    screenings = data["screenings"]
    reports = data["reports"]
    total = int(screenings["total"])
    findings = []
    for key, what in (
        ("by_context", _("screenings by situation")),
        ("by_age_group", _("screenings by age group")),
        ("by_verdict", _("screenings by verdict")),
    ):
        findings += ctx.compare(f"screenings.{key}", what, total, _sum(screenings[key]))
    findings += ctx.compare(
        "reports.by_status",
        _("anonymous reports by status"),
        int(reports["total"]),
        _sum(reports["by_status"]),
    )
    return findings


FAMILY_RULES: dict[str, list[Rule]] = {
    "screening": [_screening],
    "activities": [_activities],
    "victims": [_victims_by_sex_and_age, _victims_by_citizenship, _victims_by_exploitation],
    "referrals": [_referrals],
    "trial_monitoring": [_monitoring],
}
