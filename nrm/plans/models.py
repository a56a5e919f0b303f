"""Strategies and action plans as data, and the institutions' progress reports on them.

A plan has strategic goals, each goal objectives, each objective measures; a measure names the
institutions responsible for it (they report on it) and partners, a deadline, a budget and its
indicators. A reporting round asks every responsible institution, per measure, how far it got;
the coordinator returns or approves each report. A published implementation report stores its
document (nrm.bulletin.document) so that it stays as published whatever changes later.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nrm.core.audit import audited
from nrm.core.models import DomainModel, VersionedModel, user_reference


class PlanLevel(models.TextChoices):
    STATE = "state", _("state")
    ENTITY = "entity", _("entity")
    CANTONAL = "cantonal", _("cantonal")
    LOCAL = "local", _("local")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ADOPTED = "adopted", _("adopted")


class IndicatorSource(models.TextChoices):
    """Where an indicator's achieved value comes from: typed by the institution, or computed
    from the records for the round's period."""

    TYPED = "typed", _("reported by the institution")
    IDENTIFIED_VICTIMS = "identified_victims", _("identified victims (from the case records)")
    FINAL_CONVICTIONS = "final_convictions", _("final convictions (from trial monitoring)")


class MeasureStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")
    LATE = "late", _("late")
    ABANDONED = "abandoned", _("abandoned")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    APPROVED = "approved", _("approved")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


@audited
class Plan(VersionedModel):
    key = models.SlugField(_("key"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    level = models.CharField(_("level"), max_length=10, choices=PlanLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    coordinator = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="coordinated_plans",
        verbose_name=_("coordinated by"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.ADOPTED
    )
    description = models.TextField(_("description"), blank=True)
    fictional = models.BooleanField(_("fictional (demonstration)"), default=False)

    class Meta:
        ordering = ["-starts_on", "key"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="plan_ends_after_start",
                violation_error_message=_("The plan ends before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title


@audited
class Goal(DomainModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    number = models.CharField(_("number"), max_length=20)
    title = models.TextField(_("strategic goal"))

    class Meta:
        ordering = ["plan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="goal_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


@audited
class Objective(DomainModel):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="objectives")
    number = models.CharField(_("number"), max_length=20)
    title = models.TextField(_("objective"))

    class Meta:
        ordering = ["goal", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "number"], name="objective_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


@audited(m2m=("responsible", "partners"))
class Measure(DomainModel):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="measures")
    number = models.CharField(_("number"), max_length=20)
    title = models.TextField(_("measure"))
    responsible = models.ManyToManyField(
        "accounts.Organisation", related_name="plan_measures", verbose_name=_("responsible")
    )
    partners = models.ManyToManyField(
        "accounts.Organisation",
        related_name="partner_measures",
        blank=True,
        verbose_name=_("partners"),
    )
    deadline = models.DateField(_("deadline"))
    budget = models.DecimalField(
        _("planned budget (BAM)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)

    class Meta:
        ordering = ["objective", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "number"], name="measure_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


@audited
class Indicator(DomainModel):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(
        _("value from"), max_length=24, choices=IndicatorSource.choices, default="typed"
    )

    class Meta:
        ordering = ["measure", "pk"]

    def __str__(self) -> str:
        return self.name


@audited
class ReportingRound(DomainModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveIntegerField(_("number"))
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    deadline = models.DateField(_("reports due on"))
    status = models.CharField(
        _("status"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    # The coordinator's conclusions and recommendations, per language ({"en": ..., "bs": ...}).
    conclusions = models.JSONField(_("conclusions"), default=dict, blank=True)
    opened_by = user_reference(_("opened by"))

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="round_number_unique"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="round_ends_after_start",
                violation_error_message=_("The period ends before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.key} #{self.number}"


@audited(m2m=("activities",), exclude=("overdue_notified_on",))
class MeasureReport(VersionedModel):
    """One institution's report on one measure in one round."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reports")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="reports")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="measure_reports"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MeasureStatus.choices, default="not_started"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    spending = models.DecimalField(
        _("spent (BAM)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    narrative = models.TextField(_("what was done"), blank=True)
    delay_reason = models.TextField(_("reason for delay"), blank=True)
    comment = models.TextField(_("coordinator's comment"), blank=True)
    evidence_links = models.JSONField(_("links to documents"), default=list, blank=True)
    activities = models.ManyToManyField(
        "activities.Activity", blank=True, related_name="+", verbose_name=_("activities")
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = user_reference(_("submitted by"))
    approved_at = models.DateTimeField(null=True, blank=True)
    # The institution was told on this day that the report is past the round's deadline.
    overdue_notified_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["round", "measure", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "measure", "organisation"], name="one_report_per_institution"
            )
        ]

    def __str__(self) -> str:
        return f"report:{self.pk}"


@audited
class IndicatorValue(DomainModel):
    report = models.ForeignKey(MeasureReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("achieved"), max_digits=14, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_report")
        ]


@audited
class ActivityMeasure(DomainModel):
    """An activity of the activities register tagged with a measure it implements."""

    activity = models.ForeignKey(
        "activities.Activity", on_delete=models.CASCADE, related_name="plan_measures"
    )
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="activity_links")
    tagged_by = user_reference(_("tagged by"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "measure"], name="activity_measure_once")
        ]


@audited
class PublishedReport(DomainModel):
    """An implementation report as published: the document in every language, frozen."""

    round = models.ForeignKey(ReportingRound, on_delete=models.PROTECT, related_name="published")
    number = models.PositiveIntegerField(_("version"))
    documents = models.JSONField(default=dict)  # {language: Bulletin.to_dict()}
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["round", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="published_report_once")
        ]
