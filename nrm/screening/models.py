"""Screening instruments (versioned data), stored screenings, and anonymous public reports.

A screening keeps the instrument version it used (whose definition never changes) together
with its answers and result, so that a new version of an instrument never changes the result
of a stored screening. Public reports keep no client address or other identifying metadata of
the reporter: only what the reporter wrote (encrypted), and a digest of their follow-up code.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nrm.core.audit import audited
from nrm.core.fields import EncryptedJSONField, EncryptedTextField
from nrm.core.models import DomainModel, user_reference


class InstrumentStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("provisional")
    VALIDATED = "validated", _("validated")


class Context(models.TextChoices):
    """The situation a practitioner screens (docs/screening.md maps each to an instrument)."""

    LABOUR = "labour", _("labour exploitation")
    SEXUAL = "sexual", _("sexual exploitation")
    BEGGING = "begging", _("forced begging")
    ONLINE_RECRUITMENT = "online_recruitment", _("online recruitment")
    UNKNOWN = "unknown", _("form of exploitation not known")


class ScreeningAgeGroup(models.TextChoices):
    ADULT = "adult", _("adult")
    CHILD = "child", _("child (under 18)")


class Verdict(models.TextChoices):
    TRAFFICKING = "trafficking", _("trafficking")
    INSUFFICIENT_INFORMATION = "insufficient_information", _("insufficient information")
    NOT_ESTABLISHED = "not_established", _("not established")


class Outcome(models.TextChoices):
    """What a result leads to: a verdict, or for a first-line checklist, a referral advice."""

    TRAFFICKING = "trafficking", _("trafficking")
    INSUFFICIENT_INFORMATION = "insufficient_information", _("insufficient information")
    NOT_ESTABLISHED = "not_established", _("not established")
    REFER = "refer", _("refer for a full assessment")
    ASK_MORE = "ask_more", _("find out more")
    NO_SIGNS = "no_signs", _("no sign reported")


@audited(exclude=("definition",))
class InstrumentVersion(DomainModel):
    """One version of a screening instrument, copied from its file in the repository.

    `definition` is the whole instrument (sets, indicators, grades, rules, texts,
    recommendations). It never changes once loaded: a change needs a new version. The audit
    trail records its fingerprint (`digest`) rather than copying the whole document.
    """

    key = models.SlugField(_("instrument"), max_length=64)
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=12, choices=InstrumentStatus.choices)
    graded = models.BooleanField(_("graded"))
    title = models.CharField(_("title"), max_length=200)
    definition = models.JSONField(_("definition"))
    digest = models.CharField(_("fingerprint"), max_length=64, editable=False)
    # Loaded from the repository's directory, or from a file given to `nrm instruments load`
    # (which the repository's own loading never retires).
    from_file = models.BooleanField(_("loaded from a file"), default=False)
    is_active = models.BooleanField(
        _("offered"),
        default=True,
        help_text=_("Still in the repository: offered for new screenings if it is the newest."),
    )

    class Meta:
        ordering = ["key", "-version"]
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="instrument_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.key} v{self.version}"


@audited
class Screening(DomainModel):
    """One screening of a situation, with the exact instrument version and its result.

    It names nobody: a person is recorded, if at all, in a victim case linked to it.
    """

    reference = models.CharField(_("reference"), max_length=16, unique=True)
    instrument = models.ForeignKey(
        InstrumentVersion,
        on_delete=models.PROTECT,
        related_name="screenings",
        verbose_name=_("instrument version"),
    )
    set_key = models.CharField(_("indicator set"), max_length=64)
    context = models.CharField(_("situation"), max_length=24, choices=Context.choices, blank=True)
    age_group = models.CharField(
        _("age group"), max_length=8, choices=ScreeningAgeGroup.choices, blank=True
    )
    # Every indicator of the set with its answer (yes, no or unknown), as scored.
    answers = models.JSONField(_("answers"), default=dict)
    ignored = models.JSONField(_("ignored answers"), default=list, blank=True)
    verdict = models.CharField(_("verdict"), max_length=24, choices=Verdict.choices, blank=True)
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices)
    elements = models.JSONField(_("elements"), default=dict, blank=True)
    # Form unknown: the verdict of every set scored ({set id: verdict}); set_key is the one
    # that holds (or the first).
    set_results = models.JSONField(_("verdict of each set"), default=dict, blank=True)
    # No graded set for the form: each element of the definition answered yes, no or unknown,
    # and the evidence recorded for it (encrypted: it may describe people).
    element_answers = models.JSONField(_("elements of the definition"), default=dict, blank=True)
    element_evidence = EncryptedJSONField(_("evidence for the elements"), default=dict, blank=True)
    # Question modules answered ({module: {"version": n, "answers": {question: answer}}}); their
    # yes answers are carried into `answers`, so the verdict stays the instrument's rule.
    module_answers = models.JSONField(_("module answers"), default=dict, blank=True)
    screened_on = models.DateField(_("date of the screening"), db_index=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="screenings",
        verbose_name=_("organisation"),
    )
    created_by = user_reference(_("screened by"))
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    case = models.ForeignKey(
        "cases.VictimCase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="screenings",
        verbose_name=_("case"),
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    # The key the submitting device gave (offline queue): a retry never stores a second copy.
    client_key = models.UUIDField(_("submission key"), null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-screened_on", "-pk"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        indexes = [
            models.Index(fields=["organisation", "screened_on"]),
            models.Index(fields=["created_by", "screened_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict="") | Q(outcome=models.F("verdict")),
                name="screening_outcome_is_the_verdict",
                violation_error_message=_("A graded screening's outcome is its verdict."),
            )
        ]

    def __str__(self) -> str:
        return self.reference


class ReportStatus(models.TextChoices):
    NEW = "new", _("new")
    IN_PROGRESS = "in_progress", _("in progress")
    CLOSED = "closed", _("closed")


class ReportContext(models.TextChoices):
    LABOUR = "labour", _("work or a job offer")
    SEXUAL = "sexual", _("sexual exploitation")
    BEGGING = "begging", _("begging")
    ONLINE_RECRUITMENT = "online_recruitment", _("online recruitment")
    OTHER = "other", _("something else")
    UNKNOWN = "unknown", _("not sure")


class ReporterRole(models.TextChoices):
    SELF = "self", _("it is about me")
    WITNESS = "witness", _("it is about someone else")
    UNKNOWN = "unknown", _("I prefer not to say")


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")
    UNKNOWN = "unknown", _("not sure")


@audited(exclude=("code_digest",))
class PublicReport(DomainModel):
    """An anonymous report from the public, with a follow-up code known only to the reporter.

    Nothing about the reporter's connection is kept: no address, no browser, no referrer.
    The receipt is recorded by its day only.
    """

    reference = models.CharField(_("reference"), max_length=16, unique=True)
    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    received_on = models.DateField(_("received on"), db_index=True)
    context = models.CharField(
        _("situation"), max_length=24, choices=ReportContext.choices, default=ReportContext.UNKNOWN
    )
    reporter_role = models.CharField(
        _("reporter"), max_length=8, choices=ReporterRole.choices, default=ReporterRole.UNKNOWN
    )
    child_involved = models.CharField(
        _("a child is involved"),
        max_length=8,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    place = EncryptedTextField(_("place"), blank=True)
    description = EncryptedTextField(_("what happened"))
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    assigned_to = user_reference(_("assigned to"))
    assigned_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_reports",
        verbose_name=_("assigned organisation"),
    )
    case = models.ForeignKey(
        "cases.VictimCase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="public_reports",
        verbose_name=_("case"),
    )
    # The reporter added information that nobody has answered yet.
    awaiting_reply = models.BooleanField(_("awaiting a reply"), default=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("public report")
        verbose_name_plural = _("public reports")
        indexes = [models.Index(fields=["status", "received_on"])]

    def __str__(self) -> str:
        return self.reference


class MessageKind(models.TextChoices):
    REPORTER = "reporter", _("from the reporter")
    REPLY = "reply", _("reply to the reporter")
    NOTE = "note", _("internal note")


@audited
class ReportMessage(DomainModel):
    """A message on a public report: more information from the reporter, a reply that the
    reporter reads with the follow-up code, or an internal note the reporter never sees."""

    report = models.ForeignKey(PublicReport, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=10, choices=MessageKind.choices)
    author = user_reference(_("written by"))
    text = EncryptedTextField(_("text"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report message")
        verbose_name_plural = _("report messages")

    def __str__(self) -> str:
        return f"{self.report.reference}: {self.kind} {self.pk}"
