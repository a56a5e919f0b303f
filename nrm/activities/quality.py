"""Data-quality checks of a period's activities, shown to the coordinator before publication
(NrmAppConfig.quality_checks): possible duplicates, figures whose parts exceed their total,
and activities still not approved; and how the coordinator resolved what was found."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nrm.activities.checks import PARTS_EXCEED_TOTAL, activity_figure_warnings
from nrm.activities.languages import localised
from nrm.activities.models import Activity, ActivityStatus, ActivityStep, JointEvent
from nrm.activities.selectors import SENT, duplicates_in_period, with_details
from nrm.core.dates import format_range
from nrm.core.periods import Period
from nrm.core.quality import Finding

POSSIBLE_DUPLICATE = "possible_duplicate"
UNAPPROVED = "unapproved"
RESOLVED = "resolved"


def _label(activity: Activity) -> str:
    title = localised(activity.titles(), get_language() or "en").text
    return _("“%(title)s” (%(organisation)s, %(start)s)") % {
        "title": title,
        "organisation": activity.reporter,
        "start": format_range(activity.start_date, activity.end_date, activity.date_precision),
    }


def _url(activity: Activity) -> str:
    return reverse("activities:detail", args=[activity.pk])


def _sent_in(period: Period) -> list[Activity]:
    qs = Activity.objects.filter(status__in=SENT, end_date__range=(period.start, period.end))
    return list(with_details(qs).order_by("start_date", "pk"))


def possible_duplicates(*, period: Period) -> list[Finding]:
    """Reports sent for the period that may describe an event another partner reported."""
    activities, found = duplicates_in_period(period)
    findings = []
    for activity in activities:
        candidates = found.get(activity.pk)
        if not candidates:
            continue
        others = "; ".join(_label(c.activity) for c in candidates)
        findings.append(
            Finding(
                kind=POSSIBLE_DUPLICATE,
                message=_("%(activity)s may be the same event as %(others)s.")
                % {"activity": _label(activity), "others": others},
                record=activity.record,
                label=str(activity),
                url=_url(activity),
            )
        )
    return findings


def parts_exceed_total(*, period: Period) -> list[Finding]:
    """Reports whose parts (women and men, reach, completions ...) exceed their totals."""
    findings = []
    for activity in _sent_in(period):
        warnings = activity_figure_warnings(activity)
        confirmed = activity.status == ActivityStatus.APPROVED and _approval_note(activity)
        if warnings and not confirmed:
            findings.append(
                Finding(
                    kind=PARTS_EXCEED_TOTAL,
                    message=_("%(activity)s: %(problems)s")
                    % {
                        "activity": _label(activity),
                        "problems": " ".join(w.message for w in warnings),
                    },
                    record=activity.record,
                    url=_url(activity),
                )
            )
    return findings


def unapproved(*, period: Period) -> list[Finding]:
    """Activities of the period that the statistics and the bulletin leave out."""
    messages = {
        ActivityStatus.DRAFT: _("%(activity)s is a draft, not yet submitted."),
        ActivityStatus.SUBMITTED: _("%(activity)s is submitted and waits for review."),
        ActivityStatus.RETURNED: _("%(activity)s was returned to the reporter for changes."),
    }
    qs = Activity.objects.filter(end_date__range=(period.start, period.end)).exclude(
        status=ActivityStatus.APPROVED
    )
    return [
        Finding(
            kind=UNAPPROVED,
            message=messages[ActivityStatus(activity.status)] % {"activity": _label(activity)},
            record=activity.record,
            label=str(activity),
            url=_url(activity),
        )
        for activity in qs.select_related("reporter").order_by("start_date", "pk")
    ]


def _approval_note(activity: Activity) -> str:
    step = activity.steps.filter(action=ActivityStep.Action.APPROVED).exclude(comment="").last()
    return step.comment if step is not None else ""


def resolved(*, period: Period) -> list[Finding]:
    """How the coordinator resolved the inconsistencies of the period: reports of one event
    linked and counted once, and reports whose parts exceed their total approved with a note.
    Shown in the review beside what is still open, so that the review tells the whole story."""
    findings = []
    events = JointEvent.objects.filter(
        reports__end_date__range=(period.start, period.end)
    ).distinct()
    for event in events.select_related("counted_report__reporter").order_by("pk"):
        reports = list(event.reports.select_related("reporter").order_by("pk"))
        counted = event.counted_report
        findings.append(
            Finding(
                kind=RESOLVED,
                message=_(
                    "%(reports)s were linked as one event: counted once, with the figures of "
                    "%(counted)s."
                )
                % {
                    "reports": "; ".join(_label(r) for r in reports),
                    "counted": counted.reporter if counted is not None else "—",
                },
                record=f"event:{event.pk}",
                url=_url(reports[0]) if reports else "",
            )
        )
    for activity in _sent_in(period):
        if activity.status != ActivityStatus.APPROVED or not activity_figure_warnings(activity):
            continue
        note = _approval_note(activity)
        if note:
            findings.append(
                Finding(
                    kind=RESOLVED,
                    message=_("%(activity)s: %(problems)s Confirmed on approval: %(note)s")
                    % {
                        "activity": _label(activity),
                        "problems": " ".join(w.message for w in activity_figure_warnings(activity)),
                        "note": note,
                    },
                    record=activity.record,
                    url=_url(activity),
                )
            )
    return findings
