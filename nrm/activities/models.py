"""Partner activities: trainings, events, campaigns, publications and projects for the bulletin.

A partner reports an activity as a draft and submits it; the coordinator reviews it, returns it
with a comment or approves it. Only approved activities reach the statistics and the bulletin.
When several partners report the same event, the coordinator links the reports into one
JointEvent: it counts once, with every organiser credited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from nrm.core.audit import audited
from nrm.core.dates import format_date
from nrm.core.models import DomainModel, VersionedModel

# The languages an activity's title and summary are written in (sr: Serbian in Cyrillic).
TEXT_LANGUAGES = ("en", "bs", "hr", "sr")


class ActivityType(models.TextChoices):
    TRAINING = "training", _("training")
    WORKSHOP = "workshop", _("workshop")
    CONFERENCE = "conference", _("conference")
    COORDINATION_MEETING = "coordination_meeting", _("coordination meeting")
    CAMPAIGN = "campaign", _("campaign")
    PUBLICATION = "publication", _("publication or resource")
    GRANT_PROJECT = "grant_project", _("grant project")
    OTHER = "other", _("other activity")


# Types whose participants count as people trained (capacity building).
CAPACITY_BUILDING_TYPES = (ActivityType.TRAINING, ActivityType.WORKSHOP, ActivityType.CONFERENCE)


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    APPROVED = "approved", _("approved")


class TargetGroup(models.TextChoices):
    POLICE = "police", _("police officers")
    PROSECUTORS = "prosecutors", _("prosecutors")
    JUDGES = "judges", _("judges")
    LAWYERS = "lawyers", _("lawyers and legal-aid providers")
    LABOUR_INSPECTORS = "labour_inspectors", _("labour inspectors")
    SOCIAL_WORKERS = "social_workers", _("social workers")
    MOBILE_TEAMS = "mobile_teams", _("mobile identification teams")
    RECEPTION_STAFF = "reception_staff", _("staff of reception centres")
    HEALTH_WORKERS = "health_workers", _("health workers")
    EDUCATORS = "educators", _("teachers and educators")
    GOVERNMENT = "government", _("government officials")
    CIVIL_SOCIETY = "civil_society", _("non-governmental organisations")
    INTERNATIONAL = "international", _("international organisations")
    ACADEMIA = "academia", _("academics and researchers")
    STUDENTS = "students", _("students")
    YOUTH = "youth", _("children and young people")
    MEDIA = "media", _("media")
    PRIVATE_SECTOR = "private_sector", _("businesses and employers")
    MIGRANTS = "migrants", _("migrants and asylum seekers")
    VICTIMS = "victims", _("victims and survivors")
    GENERAL_PUBLIC = "general_public", _("general public")
    OTHER = "other", _("other groups")


class FigureQualifier(models.TextChoices):
    """How exact a reported count is: the bulletin writes "more than 50" or "about 60"."""

    EXACT = "exact", _("exactly")
    MORE_THAN = "more_than", _("more than")
    ABOUT = "about", _("about")


class DatePrecision(models.TextChoices):
    """What the reporter knows of the dates: "in July 2024" is stored as 1-31 July, by month."""

    DAY = "day", _("exact days")
    MONTH = "month", _("month only")
    YEAR = "year", _("year only")


@audited
class FundingProgramme(DomainModel):
    """A donor programme or project that funds activities (EU4FAST, WBJAST, ...), managed by the
    coordinator so that partners pick the same name for the same money."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    funder = models.CharField(_("funded by"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")

    def __str__(self) -> str:
        return self.name


class Place(models.Model):
    """Where something happened: a BiH municipality, a foreign city and its country, or online.

    `locality` names the settlement or venue inside a municipality (Jahorina in Pale, Buna in
    Mostar), which the bulletin prints; duplicate detection compares municipalities.
    """

    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    locality = models.CharField(_("place or venue"), max_length=120, blank=True)
    city = models.CharField(_("city abroad"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    online = models.BooleanField(_("online"), default=False)

    class Meta:
        abstract = True

    @classmethod
    def place_constraint(cls, name: str) -> models.CheckConstraint:
        in_bih = Q(municipality__isnull=False, city="", country="", online=False)
        abroad = Q(municipality__isnull=True, online=False) & ~Q(city="") & ~Q(country="")
        online = Q(municipality__isnull=True, city="", country="", online=True)
        return models.CheckConstraint(
            condition=in_bih | abroad | online,
            name=name,
            violation_error_message=_(
                "A place is a municipality in BiH, a city abroad with its country, or online."
            ),
        )

    @property
    def place_key(self) -> str:
        """Equal for the same place: the municipality, the city abroad, or 'online'."""
        from nrm.core.crypto import normalise_for_matching

        if self.online:
            return "online"
        if self.municipality_id:
            return f"bih:{self.municipality_id}"
        return f"{self.country}:{normalise_for_matching(self.city)}"


@audited
class JointEvent(DomainModel):
    """One event reported by several partners: it counts once, all organisers are credited."""

    counted_report = models.ForeignKey(
        "Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("report whose figures count"),
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked by"),
    )

    class Meta:
        verbose_name = _("joint event")
        verbose_name_plural = _("joint events")

    def __str__(self) -> str:
        return gettext("joint event no. %(number)s") % {"number": self.pk}


@audited(m2m=("organisers", "partners"))
class Activity(VersionedModel):
    """A training, event, campaign, publication or project as a partner reported it."""

    reporter = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="reported_activities",
        verbose_name=_("reported by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    type = models.CharField(_("type"), max_length=24, choices=ActivityType.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ActivityStatus.choices,
        default=ActivityStatus.DRAFT,
        editable=False,
    )

    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    title_bs = models.CharField(_("title in Bosnian"), max_length=300, blank=True)
    title_hr = models.CharField(_("title in Croatian"), max_length=300, blank=True)
    title_sr = models.CharField(_("title in Serbian (Cyrillic)"), max_length=300, blank=True)
    summary_en = models.TextField(_("summary in English"), blank=True)
    summary_bs = models.TextField(_("summary in Bosnian"), blank=True)
    summary_hr = models.TextField(_("summary in Croatian"), blank=True)
    summary_sr = models.TextField(_("summary in Serbian (Cyrillic)"), blank=True)

    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    date_precision = models.CharField(
        _("dates known to"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )

    organisers = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="+", verbose_name=_("organisers")
    )
    partners = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="+", verbose_name=_("partners")
    )
    other_organisers = models.CharField(
        _("other organisers"),
        max_length=500,
        blank=True,
        help_text=_("Organisations not in the directory, separated by semicolons."),
    )
    other_partners = models.CharField(
        _("other partners"),
        max_length=500,
        blank=True,
        help_text=_("Organisations not in the directory, separated by semicolons."),
    )
    funding_programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("funding programme"),
    )
    project = models.CharField(_("project"), max_length=300, blank=True)

    participants_total = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    participants_qualifier = models.CharField(
        _("the number of participants is"),
        max_length=10,
        choices=FigureQualifier.choices,
        default=FigureQualifier.EXACT,
    )
    participants_women = models.PositiveIntegerField(_("women"), null=True, blank=True)
    participants_men = models.PositiveIntegerField(_("men"), null=True, blank=True)
    participants_from_bih = models.PositiveIntegerField(_("from BiH"), null=True, blank=True)
    completions = models.PositiveIntegerField(_("completed"), null=True, blank=True)
    certificates = models.PositiveIntegerField(_("certificates"), null=True, blank=True)

    reach_people = models.PositiveBigIntegerField(_("people reached"), null=True, blank=True)
    reach_women = models.PositiveBigIntegerField(_("women reached"), null=True, blank=True)
    reach_men = models.PositiveBigIntegerField(_("men reached"), null=True, blank=True)
    reach_views = models.PositiveBigIntegerField(_("views"), null=True, blank=True)
    reach_clicks = models.PositiveBigIntegerField(_("clicks"), null=True, blank=True)

    links = models.JSONField(_("links"), default=list, blank=True)
    note = models.TextField(
        _("note for the coordinator"),
        blank=True,
        help_text=_("For example where a figure comes from, or why it looks unusual."),
    )

    event = models.ForeignKey(
        JointEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("joint event"),
    )
    review_comment = models.TextField(_("coordinator's comment"), blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("reviewed by"),
    )

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            models.Index(fields=["status", "end_date"]),
            models.Index(fields=["start_date", "end_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="activity_ends_after_it_starts",
                violation_error_message=_("The activity ends before it starts."),
            )
        ]

    def __str__(self) -> str:
        """The title in the reader's language (the audit trail and pages show this)."""
        from nrm.activities.languages import localised

        title = localised(self.titles(), get_language() or "en").text
        return title or gettext("Activity of %(date)s") % {"date": self.start_date}

    @property
    def record(self) -> str:
        return f"activity:{self.pk}"

    def titles(self) -> dict[str, str]:
        return {lang: getattr(self, f"title_{lang}") for lang in TEXT_LANGUAGES}

    def summaries(self) -> dict[str, str]:
        return {lang: getattr(self, f"summary_{lang}") for lang in TEXT_LANGUAGES}


@audited
class ActivityAudience(models.Model):
    """One target group of an activity (an activity may address several)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="audiences")
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)

    class Meta:
        ordering = ["target_group"]
        verbose_name = _("target group of an activity")
        verbose_name_plural = _("target groups of activities")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "target_group"], name="activity_audience_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.get_target_group_display()}"


@audited
class ActivityPlace(Place):
    """A place where an activity took place (a project may work in several municipalities)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="places")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("place of an activity")
        verbose_name_plural = _("places of activities")
        constraints = [Place.place_constraint("activity_place_is_one_kind")]

    def __str__(self) -> str:
        place = self.municipality.name if self.municipality else (self.city or self.locality)
        return f"{self.activity}: {place or gettext('online')}"


@audited
class ActivitySession(Place):
    """One session of an activity held on several dates or in several places."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sessions")
    label = models.CharField(_("session"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("session of an activity")
        verbose_name_plural = _("sessions of activities")
        constraints = [
            Place.place_constraint("activity_session_place_is_one_kind"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="activity_session_ends_after_it_starts",
                violation_error_message=_("The session ends before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {format_date(self.start_date)}"


@audited
class ActivityStep(models.Model):
    """One step of the review workflow, shown on the activity as its history."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        SUBMITTED = "submitted", _("submitted for review")
        WITHDRAWN = "withdrawn", _("withdrawn for changes")
        RETURNED = "returned", _("returned with a comment")
        APPROVED = "approved", _("approved")
        EDITED = "edited", _("edited in review")
        LINKED = "linked", _("linked with reports of the same event")
        UNLINKED = "unlinked", _("unlinked from the joint event")
        NOT_DUPLICATE = "not_duplicate", _("confirmed as a different event")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")

    def __str__(self) -> str:
        return f"{self.activity}: {self.get_action_display()}"


@audited
class DistinctEvents(DomainModel):
    """The coordinator's decision that two similar reports are different events: the pair is no
    longer offered as a possible duplicate. `first` is the report with the smaller id."""

    first = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("pair of distinct events")
        verbose_name_plural = _("pairs of distinct events")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="distinct_events_once"),
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")), name="distinct_events_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first} ≠ {self.second}"
