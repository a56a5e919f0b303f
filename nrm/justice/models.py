"""Trial monitoring: criminal codes, courts, monitored court cases and what happens in them.

A *court case* is a criminal case that a trial monitor (e.g. the OSCE Mission) follows from its
court and case number. Its *defendants* are known by a pseudonymous code only, with the few
attributes statistics need (sex, citizenship, age); each has *charges* (articles of a criminal
code, as first charged or as finally qualified by the court), *verdicts* per instance and, when
convicted, a *sentence*. *Injured parties* may be linked to victim cases of the referral
mechanism (the monitor sees the case code, nothing else) and claim *compensation*.
Free-text notes about people are encrypted.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from nrm.core.audit import audited
from nrm.core.fields import EncryptedTextField
from nrm.core.models import DomainModel, VersionedModel, user_reference
from nrm.core.transliterate import cyrillic_to_latin, latin_to_cyrillic
from nrm.core.vocabularies import AgeGroup, Canton, Jurisdiction, Sex

# Age of criminal responsibility in BiH's criminal codes, and a plausible upper bound.
MIN_DEFENDANT_AGE = 14
MAX_DEFENDANT_AGE = 100
# Terms in months: imprisonment up to long-term imprisonment of 45 years; probation of a
# suspended sentence from one to five years.
MAX_IMPRISONMENT_MONTHS = 45 * 12
MIN_PROBATION_MONTHS = 12
MAX_PROBATION_MONTHS = 60
PSEUDONYM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$")


class PseudonymCode:
    """A party known in a case only by a short code (D1, O2): its name in the trail, checked."""

    code: str

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        if self.code and not PSEUDONYM.match(self.code):
            raise ValidationError(
                {"code": gettext("Use letters, digits, dots, hyphens or underscores (up to 16).")}
            )


class CleanFirst:
    """Field rules and clean() first; database constraints, the last line of defence, are
    checked only when those pass, so that a mistake is reported once, on its field."""

    def full_clean(
        self,
        exclude: Any = None,
        validate_unique: bool = True,
        validate_constraints: bool = True,
    ) -> None:
        super().full_clean(  # type: ignore[misc]
            exclude=exclude, validate_unique=False, validate_constraints=False
        )
        errors: dict[str, Any] = {}
        for check, wanted in (
            (self.validate_unique, validate_unique),  # type: ignore[attr-defined]
            (self.validate_constraints, validate_constraints),  # type: ignore[attr-defined]
        ):
            if not wanted:
                continue
            try:
                check(exclude=exclude)
            except ValidationError as exc:
                errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def reader_language(language: str | None = None) -> str:
    """One of en, bs, hr, sr, sr-latn: the language reference titles are shown in."""
    code = (language or get_language() or "en").lower().replace("_", "-")
    if code.startswith("sr"):
        return "sr-latn" if "latn" in code else "sr"
    return code[:2] if code[:2] in ("bs", "hr") else "en"


def translated(instance: models.Model, field: str, language: str | None = None) -> str:
    """The value of `field` (English) or `field_bs`, `field_hr`, `field_sr` for a language;
    Serbian Latin is transliterated from the Cyrillic."""
    language = reader_language(language)
    if language == "en":
        return str(getattr(instance, field))
    if language == "sr-latn":
        return cyrillic_to_latin(str(getattr(instance, f"{field}_sr")))
    return str(getattr(instance, f"{field}_{language}") or getattr(instance, field))


# Reference data: criminal codes, articles, courts ------------------------------------------


class ArticleCategory(models.TextChoices):
    TRAFFICKING = "trafficking", _("trafficking")
    TRAFFICKING_RELATED = "trafficking_related", _("trafficking-related")
    OTHER = "other", pgettext_lazy("offence category", "other")


@audited
class CriminalCode(models.Model):
    """A criminal code (data/criminal_codes.yaml): CC BiH, CC FBiH, CC RS, CC BD BiH."""

    key = models.SlugField(_("key"), primary_key=True, max_length=16)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=8, choices=Jurisdiction.choices)
    name = models.CharField(_("name in English"), max_length=200)
    name_bs = models.CharField(max_length=200)
    name_hr = models.CharField(max_length=200)
    name_sr = models.CharField(max_length=200)
    short_name = models.CharField(_("short name in English"), max_length=40)
    short_name_bs = models.CharField(max_length=40)
    short_name_hr = models.CharField(max_length=40)
    short_name_sr = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("criminal code")
        verbose_name_plural = _("criminal codes")

    def __str__(self) -> str:
        return self.short_name_in()

    def name_in(self, language: str | None = None) -> str:
        return translated(self, "name", language)

    def short_name_in(self, language: str | None = None) -> str:
        return translated(self, "short_name", language)


def article_number_sort(number: str) -> int:
    """The numeric part of an article number ('210a' -> 210), so that 210 < 210a < 211."""
    match = re.match(r"\d+", number)
    return int(match.group()) if match else 0


@audited
class Article(models.Model):
    """An article of a criminal code that defines an offence, e.g. CC FBiH 210a."""

    code = models.ForeignKey(
        CriminalCode,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("criminal code"),
    )
    number = models.CharField(_("article"), max_length=8)
    number_sort = models.PositiveIntegerField(default=0, editable=False)
    title = models.CharField(_("title in English"), max_length=200)
    title_bs = models.CharField(max_length=200)
    title_hr = models.CharField(max_length=200)
    title_sr = models.CharField(max_length=200)
    category = models.CharField(_("category"), max_length=24, choices=ArticleCategory.choices)
    listed = models.BooleanField(
        _("always listed"),
        default=False,
        help_text=_("Shown in the trial-monitoring figures even when no case is charged under it."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code__position", "number_sort", "number"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(fields=["code", "number"], name="article_number_once")
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def key(self) -> str:
        """The statistics key, e.g. 'fbih:210a'."""
        return f"{self.code_id}:{self.number}"

    def title_in(self, language: str | None = None) -> str:
        return translated(self, "title", language)

    def label(self, language: str | None = None) -> str:
        """'CC FBiH, Art. 210a – Trafficking in human beings' in the reader's language."""
        return gettext("%(code)s, Art. %(number)s – %(title)s") % {
            "code": self.code.short_name_in(language),
            "number": self.number,
            "title": self.title_in(language),
        }


class CourtKind(models.TextChoices):
    STATE = "state", _("state court")
    SUPREME = "supreme", _("supreme court")
    CANTONAL = "cantonal", _("cantonal court")
    MUNICIPAL = "municipal", _("municipal court")
    DISTRICT = "district", _("district court")
    BASIC = "basic", _("basic court")
    APPELLATE = "appellate", _("appellate court")


@audited
class Court(models.Model):
    """A court that tries criminal cases (data/courts.yaml)."""

    key = models.SlugField(_("key"), primary_key=True, max_length=40)
    name = models.CharField(_("name in English"), max_length=200)
    local_name = models.CharField(_("local name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=CourtKind.choices)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=8, choices=Jurisdiction.choices)
    canton = models.CharField(_("canton"), max_length=8, choices=Canton.choices, blank=True)
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("seat"),
    )
    position = models.PositiveSmallIntegerField(default=0, editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("court")
        verbose_name_plural = _("courts")

    def __str__(self) -> str:
        return self.name_in()

    def name_in(self, language: str | None = None) -> str:
        """English for English readers; the court's own name otherwise (Cyrillic for sr)."""
        language = reader_language(language)
        if language == "en":
            return self.name
        return latin_to_cyrillic(self.local_name) if language == "sr" else self.local_name


# Court cases ---------------------------------------------------------------------------------


class Stage(models.TextChoices):
    INVESTIGATION = "investigation", _("investigation")
    INDICTMENT = "indictment", _("indictment")
    TRIAL = "trial", _("trial")
    FIRST_INSTANCE_VERDICT = "first_instance_verdict", _("first-instance verdict")
    APPEAL = "appeal", _("appeal")
    FINAL = "final", _("final")


# Stages at which the prosecutor has filed an indictment, and those after a first-instance
# verdict.
INDICTED_STAGES = (Stage.INDICTMENT, Stage.TRIAL, Stage.FIRST_INSTANCE_VERDICT, Stage.APPEAL)
VERDICT_STAGES = (Stage.FIRST_INSTANCE_VERDICT, Stage.APPEAL)

# The key dates in the order proceedings go through them.
KEY_DATES = (
    "indictment_filed_on",
    "indictment_confirmed_on",
    "trial_started_on",
    "first_instance_verdict_on",
    "appeal_decided_on",
    "final_decision_on",
)


def _future(day: datetime.date | None) -> bool:
    return day is not None and day > timezone.localdate()


def _day(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


@audited
class CourtCase(CleanFirst, VersionedModel):
    """A criminal case followed by a monitoring organisation, from its court and number."""

    court = models.ForeignKey(
        Court, on_delete=models.PROTECT, related_name="cases", verbose_name=_("court")
    )
    case_number = models.CharField(
        _("case number"),
        max_length=40,
        help_text=_("As on the court's documents, e.g. S1 2 K 046712 24 K."),
    )
    jurisdiction = models.CharField(
        _("jurisdiction"), max_length=8, choices=Jurisdiction.choices, editable=False
    )
    monitoring_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="monitored_court_cases",
        verbose_name=_("monitoring organisation"),
    )
    stage = models.CharField(
        _("stage"), max_length=24, choices=Stage.choices, default=Stage.INDICTMENT
    )
    monitoring_started_on = models.DateField(_("monitoring started on"))
    monitoring_ended_on = models.DateField(
        _("monitoring ended on"),
        null=True,
        blank=True,
        help_text=_("Only if monitoring stopped before the final decision."),
    )
    indictment_filed_on = models.DateField(_("indictment filed on"), null=True, blank=True)
    indictment_confirmed_on = models.DateField(_("indictment confirmed on"), null=True, blank=True)
    trial_started_on = models.DateField(_("trial started on"), null=True, blank=True)
    first_instance_verdict_on = models.DateField(
        _("first-instance verdict on"), null=True, blank=True
    )
    appeal_decided_on = models.DateField(_("appeal decided on"), null=True, blank=True)
    final_decision_on = models.DateField(
        _("final decision on"),
        null=True,
        blank=True,
        help_text=_("The date the decision became final: the case counts as finalized then."),
    )
    exploitation_forms = models.JSONField(_("forms of exploitation"), default=list, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    created_by = user_reference(_("recorded by"))

    class Meta:
        ordering = ["-monitoring_started_on", "-pk"]
        verbose_name = _("court case")
        verbose_name_plural = _("court cases")
        indexes = [
            models.Index(fields=["monitoring_started_on"]),
            models.Index(fields=["final_decision_on"]),
            models.Index(fields=["monitoring_organisation", "monitoring_started_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "case_number"],
                name="court_case_number_once",
                violation_error_message=_(
                    "This court's case with this number is already monitored."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(stage=Stage.FINAL) & Q(final_decision_on__isnull=False))
                | (~Q(stage=Stage.FINAL) & Q(final_decision_on__isnull=True)),
                name="court_case_final_has_date",
                violation_error_message=_("A final case has a final decision date, and only it."),
            ),
            models.CheckConstraint(
                condition=Q(monitoring_ended_on__isnull=True)
                | Q(monitoring_ended_on__gte=F("monitoring_started_on")),
                name="court_case_monitoring_ends_after_start",
                violation_error_message=_("Monitoring cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.case_number

    @property
    def is_final(self) -> bool:
        return self.stage == Stage.FINAL

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}

        def add(field: str, message: Any) -> None:
            errors.setdefault(field, []).append(message)

        for field in ("monitoring_started_on", "monitoring_ended_on", *KEY_DATES):
            if _future(getattr(self, field)):
                add(field, gettext("This date is in the future."))
        self._clean_stage(add)
        self._clean_order(add)
        if errors:
            raise ValidationError(errors)

    def _clean_stage(self, add: Any) -> None:
        if self.stage == Stage.FINAL and self.final_decision_on is None:
            add("final_decision_on", gettext("A final case needs the date of the final decision."))
        if self.stage != Stage.FINAL and self.final_decision_on is not None:
            add("stage", gettext("A case with a final decision is at the stage “final”."))
        if self.stage in INDICTED_STAGES and self.indictment_filed_on is None:
            add("indictment_filed_on", gettext("At this stage, give the date of the indictment."))
        if self.stage in VERDICT_STAGES and self.first_instance_verdict_on is None:
            add(
                "first_instance_verdict_on",
                gettext("At this stage, give the date of the first-instance verdict."),
            )

    def _clean_order(self, add: Any) -> None:
        start = self.monitoring_started_on
        if start and self.monitoring_ended_on and self.monitoring_ended_on < start:
            add("monitoring_ended_on", gettext("Monitoring cannot end before it starts."))
        if start and self.final_decision_on and start > self.final_decision_on:
            add(
                "monitoring_started_on",
                gettext("Monitoring starts before the final decision (%(date)s).")
                % {"date": _day(self.final_decision_on)},
            )
        labels = {f: getattr(self._meta.get_field(f), "verbose_name", f) for f in KEY_DATES}
        for index, later in enumerate(KEY_DATES):
            later_day = getattr(self, later)
            if later_day is None:
                continue
            for earlier in KEY_DATES[:index]:
                earlier_day = getattr(self, earlier)
                if earlier_day is not None and later_day < earlier_day:
                    add(
                        later,
                        gettext("This is before “%(other)s” (%(date)s).")
                        % {"other": labels[earlier], "date": _day(earlier_day)},
                    )
                    break


# Defendants, charges, verdicts, sentences -----------------------------------------------------


@audited
class Defendant(PseudonymCode, CleanFirst, DomainModel):
    """A defendant, known by a pseudonymous code: no name, no initials."""

    court_case = models.ForeignKey(
        CourtCase, on_delete=models.CASCADE, related_name="defendants", verbose_name=_("court case")
    )
    code = models.CharField(
        _("code"),
        max_length=16,
        help_text=_("A pseudonymous code such as D1, never a name or initials."),
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    citizenship = CountryField(_("citizenship"), blank=True)
    age = models.PositiveSmallIntegerField(
        _("age"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_DEFENDANT_AGE), MaxValueValidator(MAX_DEFENDANT_AGE)],
        help_text=_("In years, when the indictment was filed (or when monitoring started)."),
    )
    notes = EncryptedTextField(_("notes"), blank=True)

    class Meta:
        ordering = ["court_case", "pk"]
        verbose_name = _("defendant")
        verbose_name_plural = _("defendants")
        constraints = [
            models.UniqueConstraint(
                fields=["court_case", "code"],
                name="defendant_code_once_per_case",
                violation_error_message=_("Another defendant of this case has this code."),
            )
        ]

    @property
    def awaits_final_qualification(self) -> bool:
        """Charged, but the court's qualification is not recorded (uses prefetched charges)."""
        qualifications = {charge.qualification for charge in self.charges.all()}
        return Qualification.INITIAL in qualifications and Qualification.FINAL not in qualifications

    @property
    def latest_verdict(self) -> Verdict | None:
        """The verdict of the highest instance (uses prefetched verdicts when there are any)."""
        verdicts = sorted(self.verdicts.all(), key=lambda v: v.instance)
        return verdicts[-1] if verdicts else None


class Qualification(models.TextChoices):
    INITIAL = "initial", _("as charged")
    FINAL = "final", _("as qualified by the court")


@audited
class Charge(CleanFirst, DomainModel):
    """One offence a defendant is charged with, as first charged or as finally qualified."""

    defendant = models.ForeignKey(
        Defendant, on_delete=models.CASCADE, related_name="charges", verbose_name=_("defendant")
    )
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="charges", verbose_name=_("article")
    )
    qualification = models.CharField(
        _("legal qualification"),
        max_length=8,
        choices=Qualification.choices,
        default=Qualification.INITIAL,
    )

    class Meta:
        ordering = ["qualification", "article__code__position", "article__number_sort", "pk"]
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        constraints = [
            models.UniqueConstraint(
                fields=["defendant", "article", "qualification"],
                name="charge_once",
                violation_error_message=_("This charge is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.defendant_id}: {self.article_id} ({self.qualification})"


class Instance(models.IntegerChoices):
    FIRST = 1, _("first instance")
    SECOND = 2, _("second instance (appeal)")
    THIRD = 3, _("third instance")


class Outcome(models.TextChoices):
    CONVICTED = "convicted", _("convicted")
    PLEA_AGREEMENT = "plea_agreement", _("plea agreement")
    ACQUITTED = "acquitted", _("acquitted")
    DISMISSED = "dismissed", _("charges dismissed")


# A plea agreement accepted by the court ends in a conviction (BiH's criminal procedure codes):
# both carry a sentence and both count as convicted.
CONVICTIONS = (Outcome.CONVICTED, Outcome.PLEA_AGREEMENT)


@audited
class Verdict(CleanFirst, DomainModel):
    """A court's decision on one defendant at one instance; the highest instance stands."""

    defendant = models.ForeignKey(
        Defendant, on_delete=models.CASCADE, related_name="verdicts", verbose_name=_("defendant")
    )
    instance = models.PositiveSmallIntegerField(
        _("instance"), choices=Instance.choices, default=Instance.FIRST
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    pronounced_on = models.DateField(_("date of the verdict"))

    class Meta:
        ordering = ["defendant", "instance"]
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        constraints = [
            models.UniqueConstraint(
                fields=["defendant", "instance"],
                name="verdict_once_per_instance",
                violation_error_message=_("This defendant already has a verdict at this instance."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.defendant_id}: {self.outcome} ({self.instance})"

    @property
    def is_conviction(self) -> bool:
        return self.outcome in CONVICTIONS

    def clean(self) -> None:
        if _future(self.pronounced_on):
            raise ValidationError({"pronounced_on": gettext("This date is in the future.")})


@audited
class Sentence(CleanFirst, DomainModel):
    """The sentence of a conviction: imprisonment, suspended (with probation), fine, confiscation.

    A suspended sentence states the term of imprisonment (or the fine) that will not be
    enforced unless the convicted person reoffends during the probation period.
    """

    verdict = models.OneToOneField(
        Verdict, on_delete=models.CASCADE, related_name="sentence", verbose_name=_("verdict")
    )
    imprisonment_months = models.PositiveIntegerField(
        _("imprisonment (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_IMPRISONMENT_MONTHS)],
    )
    fine_bam = models.DecimalField(
        _("fine (BAM)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    suspended = models.BooleanField(
        _("suspended"),
        default=False,
        help_text=_("The penalty is not enforced unless the person reoffends during probation."),
    )
    probation_months = models.PositiveSmallIntegerField(
        _("probation (months)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(MIN_PROBATION_MONTHS),
            MaxValueValidator(MAX_PROBATION_MONTHS),
        ],
    )
    confiscated_bam = models.DecimalField(
        _("confiscated assets (BAM)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("sentence")
        verbose_name_plural = _("sentences")
        constraints = [
            models.CheckConstraint(
                condition=Q(fine_bam__isnull=True) | Q(fine_bam__gt=0),
                name="sentence_fine_positive",
                violation_error_message=_("A fine is more than 0 BAM."),
            ),
            models.CheckConstraint(
                condition=Q(confiscated_bam__isnull=True) | Q(confiscated_bam__gte=0),
                name="sentence_confiscation_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(imprisonment_months__isnull=False) | Q(fine_bam__isnull=False),
                name="sentence_has_a_penalty",
                violation_error_message=_("A sentence imposes imprisonment or a fine."),
            ),
            models.CheckConstraint(
                condition=Q(suspended=True, probation_months__isnull=False)
                | Q(suspended=False, probation_months__isnull=True),
                name="sentence_probation_iff_suspended",
                violation_error_message=_("A suspended sentence has a probation period."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.verdict_id}: sentence"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.imprisonment_months is None and self.fine_bam is None:
            errors["imprisonment_months"] = gettext("Give the term of imprisonment or the fine.")
        if self.suspended and self.probation_months is None:
            errors["probation_months"] = gettext("A suspended sentence has a probation period.")
        if not self.suspended and self.probation_months is not None:
            errors["probation_months"] = gettext(
                "Only a suspended sentence has a probation period."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def kind(self) -> str:
        """suspended, imprisonment or fine: how the sentence counts in the statistics."""
        if self.suspended:
            return "suspended"
        return "imprisonment" if self.imprisonment_months is not None else "fine"


# Hearings --------------------------------------------------------------------------------------


class HearingKind(models.TextChoices):
    PLEA = "plea", _("plea hearing")
    PLEA_AGREEMENT = "plea_agreement", _("hearing on a plea agreement")
    MAIN_TRIAL = "main_trial", _("main trial")
    VERDICT = "verdict", _("pronouncement of the verdict")
    APPEAL = "appeal", _("appeal session")
    OTHER = "other", _("other")


class HearingOutcome(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    HELD = "held", _("held")
    POSTPONED = "postponed", _("postponed")
    CANCELLED = "cancelled", _("cancelled")


@audited
class Hearing(CleanFirst, DomainModel):
    """A hearing the monitor attended, followed or expects; notes are encrypted."""

    court_case = models.ForeignKey(
        CourtCase, on_delete=models.CASCADE, related_name="hearings", verbose_name=_("court case")
    )
    held_on = models.DateField(_("date"))
    kind = models.CharField(
        _("kind"), max_length=16, choices=HearingKind.choices, default=HearingKind.MAIN_TRIAL
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=HearingOutcome.choices, default=HearingOutcome.HELD
    )
    notes = EncryptedTextField(_("notes"), blank=True)

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        indexes = [models.Index(fields=["court_case", "held_on"])]

    def __str__(self) -> str:
        return f"{self.court_case_id}: hearing {self.held_on.isoformat()}"

    def clean(self) -> None:
        if self.outcome != HearingOutcome.SCHEDULED and _future(self.held_on):
            raise ValidationError(
                {"held_on": gettext("Only a scheduled hearing can be in the future.")}
            )


# Injured parties and compensation ------------------------------------------------------------


@audited
class InjuredParty(PseudonymCode, CleanFirst, DomainModel):
    """An injured party of a case, optionally linked to a victim case of the referral mechanism.

    Trial monitors see the linked case's code and nothing else about the victim.
    """

    court_case = models.ForeignKey(
        CourtCase,
        on_delete=models.CASCADE,
        related_name="injured_parties",
        verbose_name=_("court case"),
    )
    code = models.CharField(
        _("code"),
        max_length=16,
        help_text=_("A pseudonymous code such as O1, never a name or initials."),
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    age_group = models.CharField(
        _("age group"), max_length=8, choices=AgeGroup.choices, default=AgeGroup.UNKNOWN
    )
    citizenship = CountryField(_("citizenship"), blank=True)
    victim_case = models.ForeignKey(
        "cases.VictimCase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("victim case"),
    )
    notes = EncryptedTextField(_("notes"), blank=True)

    class Meta:
        ordering = ["court_case", "pk"]
        verbose_name = _("injured party")
        verbose_name_plural = _("injured parties")
        constraints = [
            models.UniqueConstraint(
                fields=["court_case", "code"],
                name="injured_party_code_once_per_case",
                violation_error_message=_("Another injured party of this case has this code."),
            )
        ]


class ClaimOutcome(models.TextChoices):
    PENDING = "pending", _("pending")
    AWARDED = "awarded", _("awarded")
    REFERRED_TO_CIVIL = "referred_to_civil", _("referred to civil proceedings")
    REJECTED = "rejected", _("rejected")


@audited
class CompensationClaim(CleanFirst, DomainModel):
    """A claim for compensation in the criminal proceedings: claimed, awarded, paid (BAM)."""

    injured_party = models.ForeignKey(
        InjuredParty,
        on_delete=models.CASCADE,
        related_name="claims",
        verbose_name=_("injured party"),
    )
    defendant = models.ForeignKey(
        Defendant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("against defendant"),
    )
    claimed_bam = models.DecimalField(
        _("claimed (BAM)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    outcome = models.CharField(
        _("decision"), max_length=20, choices=ClaimOutcome.choices, default=ClaimOutcome.PENDING
    )
    awarded_bam = models.DecimalField(
        _("awarded (BAM)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    paid_bam = models.DecimalField(
        _("paid (BAM)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["injured_party", "pk"]
        verbose_name = _("compensation claim")
        verbose_name_plural = _("compensation claims")
        constraints = [
            models.CheckConstraint(
                condition=Q(claimed_bam__gte=0)
                & (Q(awarded_bam__isnull=True) | Q(awarded_bam__gte=0))
                & (Q(paid_bam__isnull=True) | Q(paid_bam__gte=0)),
                name="claim_amounts_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.injured_party_id}: claim {self.pk}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        awarded, paid = self.awarded_bam, self.paid_bam
        if self.outcome == ClaimOutcome.AWARDED and awarded is None:
            errors["awarded_bam"] = gettext("Give the amount the court awarded.")
        if self.outcome != ClaimOutcome.AWARDED and awarded is not None:
            errors["awarded_bam"] = gettext("Only an awarded claim has an awarded amount.")
        if awarded is not None and self.claimed_bam is not None and awarded > self.claimed_bam:
            errors["awarded_bam"] = gettext("The court cannot award more than was claimed.")
        if paid is not None and (awarded is None or paid > awarded):
            errors["paid_bam"] = gettext("The amount paid cannot exceed the amount awarded.")
        if self.outcome != ClaimOutcome.PENDING and self.decided_on is None:
            errors["decided_on"] = gettext("Give the date of the decision on the claim.")
        if _future(self.decided_on):
            errors["decided_on"] = gettext("This date is in the future.")
        if errors:
            raise ValidationError(errors)
