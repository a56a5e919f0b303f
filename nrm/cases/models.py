"""Victim cases and what happens to them: identification, referrals, services, shelter stays.

A *person* holds the identifying data (encrypted); a *victim case* holds what statistics and
the referral mechanism need (pseudonymous code, sex, age group, citizenship, forms of
exploitation). Everything that describes a person beyond that stays on the person, encrypted,
and is read only through `nrm.cases.selectors.case_identity`, which leaves an access entry.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from nrm.core.audit import audited
from nrm.core.fields import EncryptedDateField, EncryptedJSONField, EncryptedTextField
from nrm.core.models import DomainModel, VersionedModel, organisation_reference, user_reference
from nrm.core.vocabularies import (
    AgeGroup,
    ExploitationForm,
    MeansOfControl,
    RecruitmentMethod,
    Sex,
)

CODE_PREFIX = "V"
ADULT_AGE = 18


class CaseStatus(models.TextChoices):
    REPORTED = "reported", _("reported")
    POTENTIAL = "potential", _("potential victim")
    IDENTIFIED = "identified", _("identified victim")
    CLOSED = "closed", _("closed")
    NOT_VICTIM = "not_victim", _("not a victim")


# The identification workflow: which decision may follow which status.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    CaseStatus.REPORTED: (CaseStatus.POTENTIAL, CaseStatus.NOT_VICTIM),
    CaseStatus.POTENTIAL: (CaseStatus.IDENTIFIED, CaseStatus.NOT_VICTIM, CaseStatus.CLOSED),
    CaseStatus.IDENTIFIED: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (CaseStatus.POTENTIAL, CaseStatus.IDENTIFIED),  # reopened
    CaseStatus.NOT_VICTIM: (CaseStatus.POTENTIAL,),  # new information
}

# Cases that count as (potential) victims in the statistics, once they have an identification
# date: a report not yet assessed, or a person found not to be a victim, does not count.
VICTIM_STATUSES = (CaseStatus.POTENTIAL, CaseStatus.IDENTIFIED, CaseStatus.CLOSED)


class ClosureReason(models.TextChoices):
    """Why a case is closed (recorded with the closing decision)."""

    RECOVERED = "recovered", _("recovered and reintegrated")
    RETURNED = "returned", _("returned to the country of origin")
    TRANSFERRED = "transferred", _("transferred to another organisation or country")
    LOST_CONTACT = "lost_contact", _("contact lost")
    DIED = "died", _("died")
    NO_CONSENT = "no_consent", _("no longer consents")


class TraffickingScope(models.TextChoices):
    INTERNAL = "internal", _("internal")
    TRANSNATIONAL = "transnational", _("transnational")
    UNKNOWN = "unknown", _("unknown")


class ServiceType(models.TextChoices):
    SHELTER = "shelter", _("shelter")
    LEGAL_AID = "legal_aid", _("legal aid")
    PSYCHOLOGICAL_SUPPORT = "psychological_support", _("psychological support")
    MEDICAL_CARE = "medical_care", _("medical care")
    SOCIAL_PROTECTION = "social_protection", _("social protection")
    REINTEGRATION = "reintegration", _("reintegration")
    RETURN = "return", _("return")


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("waiting for an answer")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    COMPLETED = "completed", _("completed")
    WITHDRAWN = "withdrawn", _("withdrawn")


# A referral that lets the receiving organisation see the case.
OPEN_REFERRAL_STATUSES = (ReferralStatus.PENDING, ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED)
# A referral that lets the receiving organisation see who the person is and record services.
ACCEPTED_REFERRAL_STATUSES = (ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED)


class ConsentKind(models.TextChoices):
    DATA_PROCESSING = "data_processing", _("processing of personal data")
    REFERRAL = "referral", _("referral to services")


class ConsentGiver(models.TextChoices):
    PERSON = "person", _("the person")
    GUARDIAN = "guardian", _("the guardian")


@audited
class Person(DomainModel):
    """Who a victim is: every identifying value is encrypted.

    `match_index` is a keyed hash of the normalised name and birth date: equal for the same
    person recorded by different organisations, meaningless to anyone without the key.
    """

    first_name = EncryptedTextField(_("first name"), blank=True)
    last_name = EncryptedTextField(_("last name"), blank=True)
    birth_date = EncryptedDateField(_("birth date"), null=True, blank=True)
    contact = EncryptedTextField(_("contact details"), blank=True)
    languages = EncryptedJSONField(_("languages"), default=list, blank=True)
    match_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return f"P-{self.pk}"


def exploitation_forms_value(forms: Iterable[str]) -> str:
    """VictimCase.exploitation_forms for these forms: sorted, comma-separated ("" for none)."""
    return ",".join(sorted(set(forms)))


# The stored copy of a case's forms is derived from its CaseExploitation rows (audited there).
@audited(exclude=("exploitation_forms",))
class VictimCase(VersionedModel):
    """One (potential) victim's case, known everywhere by its pseudonymous code."""

    code = models.CharField(_("case code"), max_length=32, unique=True)
    # Set for codes of the form V-YYYY-NNNN, so that the next generated number is a MAX().
    code_year = models.PositiveSmallIntegerField(null=True, editable=False)
    code_number = models.PositiveIntegerField(null=True, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="cases", verbose_name=_("person")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.POTENTIAL
    )
    identified_on = models.DateField(_("date of identification"), null=True, blank=True)
    confirmed_on = models.DateField(
        _("identified as a victim on"),
        null=True,
        blank=True,
        help_text=_("The date of the decision that the person is a victim of trafficking."),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="victim_cases",
        verbose_name=_("identifying organisation"),
    )
    created_by = user_reference(_("recorded by"), indexed=False)  # see case_recorder_idx
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    age_at_identification = models.PositiveSmallIntegerField(
        _("age at identification"), null=True, blank=True
    )
    age_estimated = models.BooleanField(
        _("age stated or estimated"),
        default=False,
        help_text=_("The age was given without a birth date."),
    )
    age_group = models.CharField(
        _("age group"), max_length=8, choices=AgeGroup.choices, default=AgeGroup.UNKNOWN
    )
    citizenship = CountryField(_("citizenship"), blank=True)
    # A copy of the forms of its CaseExploitation rows (exploitation_forms_value), written with
    # them by the services: the statistics count every form, and "not recorded", from one
    # index of the cases instead of looking up each case's rows.
    exploitation_forms = models.CharField(max_length=200, blank=True, default="", editable=False)
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    trafficking_scope = models.CharField(
        _("internal or transnational"),
        max_length=16,
        choices=TraffickingScope.choices,
        default=TraffickingScope.UNKNOWN,
    )
    means_of_control = models.JSONField(_("means of control"), default=list, blank=True)
    recruitment = models.JSONField(_("recruitment"), default=list, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    # Set while the case is closed (empty for a case closed by an import that did not say why).
    closure_reason = models.CharField(
        _("reason for closing"), max_length=16, choices=ClosureReason.choices, blank=True
    )

    class Meta:
        ordering = ["-identified_on", "-code_year", "-code_number", "code"]
        verbose_name = _("victim case")
        verbose_name_plural = _("victim cases")
        indexes = [
            models.Index(fields=["identified_on", "status"]),
            # Every value the victims statistics count, so that they read this index alone;
            # led by the status, it also finds the few cases not counted as victims.
            models.Index(
                fields=[
                    "status",
                    "identified_on",
                    "sex",
                    "age_group",
                    "citizenship",
                    "confirmed_on",
                    "exploitation_forms",
                    "organisation",
                    "id",
                ],
                name="case_statistics_idx",
            ),
            models.Index(fields=["organisation", "identified_on"]),
            models.Index(fields=["code_year", "code_number"]),
            # The case list's order (nrm.cases.selectors.case_list): the first page is read
            # from this index instead of sorting every case the reader may see.
            models.Index(
                fields=["-identified_on", "-code_year", "-code_number", "-id"],
                name="case_list_order",
            ),
            # A number typed without its year in the case list's search ("0042").
            models.Index(fields=["code_number"], name="case_code_number"),
            # What a field identifier recorded, with what the list's filters ask of it: a
            # filtered count reads it instead of every case (115 -> 17 ms at 1M on PostgreSQL).
            # It replaces the foreign key's own index, which it also serves.
            models.Index(
                fields=["created_by", "identified_on", "status", "exploitation_forms"],
                name="case_recorder_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_at_identification__isnull=True) | Q(age_at_identification__lte=120),
                name="case_age_plausible",
                violation_error_message=_("An age must be between 0 and 120 years."),
            ),
            models.CheckConstraint(
                condition=Q(confirmed_on__isnull=True) | Q(identified_on__isnull=False),
                name="case_confirmed_after_identified",
                violation_error_message=_("A victim is identified before being confirmed."),
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def exploitation_codes(self) -> list[str]:
        """The forms of exploitation (uses the prefetched rows when there are any)."""
        return sorted(e.form for e in self.exploitations.all())

    @property
    def exploitation_labels(self) -> list[str]:
        labels = dict(ExploitationForm.choices)
        return [str(labels[code]) for code in self.exploitation_codes]

    @property
    def means_of_control_labels(self) -> list[str]:
        labels = dict(MeansOfControl.choices)
        return [str(labels.get(code, code)) for code in self.means_of_control]

    @property
    def recruitment_labels(self) -> list[str]:
        labels = dict(RecruitmentMethod.choices)
        return [str(labels.get(code, code)) for code in self.recruitment]

    @property
    def is_minor(self) -> bool:
        return self.age_group == AgeGroup.MINOR

    @property
    def counts_as_victim(self) -> bool:
        return self.status in VICTIM_STATUSES and self.identified_on is not None


@audited
class CaseExploitation(models.Model):
    """One form of exploitation of a case (a case may have several, or none recorded)."""

    case = models.ForeignKey(VictimCase, on_delete=models.CASCADE, related_name="exploitations")
    form = models.CharField(
        _("form of exploitation"), max_length=24, choices=ExploitationForm.choices
    )

    class Meta:
        verbose_name = _("form of exploitation")
        verbose_name_plural = _("forms of exploitation")
        constraints = [
            models.UniqueConstraint(fields=["case", "form"], name="case_exploitation_once")
        ]
        # The cases of one form (the case list's filter) without reading every case.
        indexes = [models.Index(fields=["form", "case"], name="case_exploitation_form")]

    def __str__(self) -> str:
        return f"{self.case.code}: {self.form}"


@audited
class IdentificationDecision(DomainModel):
    """A change of a case's status: who decided, when, for which authority, and why."""

    case = models.ForeignKey(VictimCase, on_delete=models.CASCADE, related_name="decisions")
    from_status = models.CharField(_("from"), max_length=16, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=CaseStatus.choices)
    decided_on = models.DateField(_("date of the decision"))
    authority = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("authority"),
    )
    decided_by = user_reference(_("recorded by"))
    reason = EncryptedTextField(_("reason"), blank=True)
    closure_reason = models.CharField(
        _("reason for closing"), max_length=16, choices=ClosureReason.choices, blank=True
    )

    class Meta:
        ordering = ["decided_on", "created_at", "pk"]
        verbose_name = _("identification decision")
        verbose_name_plural = _("identification decisions")

    def __str__(self) -> str:
        return f"{self.case.code}: {self.from_status or '-'} -> {self.to_status}"


@audited
class Consent(DomainModel):
    """Consent given (or withdrawn) for one purpose; the latest record of a kind is in force."""

    case = models.ForeignKey(VictimCase, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(_("consent to"), max_length=20, choices=ConsentKind.choices)
    given = models.BooleanField(
        _("given"), help_text=_("Untick to record a refusal or withdrawal.")
    )
    given_by = models.CharField(
        _("given by"), max_length=10, choices=ConsentGiver.choices, default=ConsentGiver.PERSON
    )
    recorded_on = models.DateField(_("date"))
    recorded_by = user_reference(_("recorded by"))
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["recorded_on", "created_at", "pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.case.code}: {self.kind} {'yes' if self.given else 'no'}"


@audited
class Guardian(DomainModel):
    """A minor's legal guardian (often appointed by a centre for social work)."""

    case = models.ForeignKey(VictimCase, on_delete=models.CASCADE, related_name="guardians")
    name = EncryptedTextField(_("name"))
    relationship = models.CharField(
        _("relationship"),
        max_length=100,
        blank=True,
        help_text=_("For example: appointed by the centre for social work, parent, relative."),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appointing organisation"),
    )
    contact = EncryptedTextField(_("contact details"), blank=True)
    appointed_on = models.DateField(_("appointed on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["appointed_on", "pk"]
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("appointed_on")),
                name="guardian_ends_after_appointment",
                violation_error_message=_("A guardianship cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.code}: guardian {self.pk}"


@audited
class Referral(VersionedModel):
    """A request from one organisation to another to provide a service to a victim."""

    case = models.ForeignKey(VictimCase, on_delete=models.CASCADE, related_name="referrals")
    from_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_sent",
        verbose_name=_("referred by"),
    )
    to_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("referred to"),
    )
    service_type = models.CharField(_("service"), max_length=24, choices=ServiceType.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.PENDING
    )
    referred_on = models.DateField(_("referred on"))
    referred_by = user_reference(_("referred by (user)"))
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent relied on"),
    )
    consent_overridden = models.BooleanField(_("referred without consent"), default=False)
    consent_override_reason = EncryptedTextField(
        _("reason for referring without consent"), blank=True
    )
    note = EncryptedTextField(_("note to the receiving organisation"), blank=True)
    # Urgent referrals (e.g. accommodation needed tonight) must be answered sooner
    # (NRM_REFERRAL_URGENT_HOURS instead of NRM_REFERRAL_RESPONSE_WORKING_DAYS).
    urgent = models.BooleanField(_("urgent"), default=False)
    responded_on = models.DateField(_("answered on"), null=True, blank=True)
    responded_by = user_reference(_("answered by"))
    response_reason = EncryptedTextField(_("reason"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completion_note = EncryptedTextField(_("completion note"), blank=True)

    class Meta:
        ordering = ["-referred_on", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["to_organisation", "status"]),
            # What the referrals statistics count of the referrals made in a period.
            models.Index(
                fields=[
                    "referred_on",
                    "service_type",
                    "status",
                    "consent_overridden",
                    "responded_on",
                    "urgent",
                    "created_at",
                    "case",
                ],
                name="referral_statistics_idx",
            ),
            # Whether a case is referred to an organisation (nrm.cases.rules.referred_to).
            models.Index(
                fields=["case", "to_organisation", "status"], name="referral_case_receiver"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_organisation=F("to_organisation")),
                name="referral_to_another_organisation",
                violation_error_message=_("A referral goes to another organisation."),
            ),
            models.CheckConstraint(
                condition=Q(consent__isnull=False) | Q(consent_overridden=True),
                name="referral_has_consent_or_override",
                violation_error_message=_(
                    "A referral needs the person's consent or a reason for referring without it."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.code}: referral {self.pk}"


@audited
class ServiceDelivery(DomainModel):
    """Services delivered to a victim: a type, a provider, a date and how many (e.g. 74)."""

    case = models.ForeignKey(VictimCase, on_delete=models.CASCADE, related_name="services")
    service_type = models.CharField(_("service"), max_length=24, choices=ServiceType.choices)
    provider = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="services_delivered",
        verbose_name=_("provider"),
    )
    delivered_on = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("number of services"), default=1)
    referral = models.ForeignKey(
        Referral,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("referral"),
    )
    recorded_by = user_reference(_("recorded by"))
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["delivered_on", "pk"]
        verbose_name = _("service delivered")
        verbose_name_plural = _("services delivered")
        # What the referrals statistics count of the services delivered in a period.
        indexes = [
            models.Index(
                fields=["delivered_on", "service_type", "provider", "count", "case"],
                name="service_statistics_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=1),
                name="service_count_positive",
                violation_error_message=_("The number of services is at least 1."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.code}: {self.service_type} x{self.count}"


@audited
class ShelterStay(DomainModel):
    """A stay in a safe house; an open stay has no end date yet."""

    case = models.ForeignKey(VictimCase, on_delete=models.CASCADE, related_name="stays")
    safe_house = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shelter_stays",
        verbose_name=_("safe house"),
        help_text=_("Empty when an imported register does not say which safe house."),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    referral = models.ForeignKey(
        Referral,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stays",
        verbose_name=_("referral"),
    )
    recorded_by = user_reference(_("recorded by"))

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("shelter stay")
        verbose_name_plural = _("shelter stays")
        # What the statistics count of the stays overlapping a period, in the order of their
        # cases: the persons housed are counted without sorting them.
        indexes = [
            models.Index(fields=["case", "start", "end", "safe_house"], name="stay_statistics_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="stay_ends_after_start",
                violation_error_message=_("A stay cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.code}: stay {self.pk}"


class GrantStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")
    REVOKED = "revoked", _("revoked")


@audited
class AccessGrant(DomainModel):
    """Permission for one coordinator to see who the person of one case is, for a while.

    The coordinator asks with a reason; the organisation that holds the case (or the one it
    was referred to and accepted it) grants or refuses. Every read under a grant still leaves
    an access entry.
    """

    case = models.ForeignKey(VictimCase, on_delete=models.CASCADE, related_name="access_grants")
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="identity_grants",
        verbose_name=_("requested by"),
    )
    reason = EncryptedTextField(_("why the identifying data is needed"))
    status = models.CharField(
        _("status"), max_length=10, choices=GrantStatus.choices, default=GrantStatus.REQUESTED
    )
    decided_by = user_reference(_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("access grant")
        verbose_name_plural = _("access grants")

    def __str__(self) -> str:
        return f"{self.case.code}: grant {self.pk}"


# Daily casework: who is responsible, the assistance plan, dated notes -----------------------


@audited
class CaseAssignment(DomainModel):
    """The person responsible for a case in one organisation working on it (one each)."""

    case = models.ForeignKey(VictimCase, on_delete=models.CASCADE, related_name="assignments")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_assignments",
        verbose_name=_("responsible worker"),
    )
    assigned_by = user_reference(_("assigned by"))

    class Meta:
        ordering = ["organisation__name", "pk"]
        verbose_name = _("case assignment")
        verbose_name_plural = _("case assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"], name="one_responsible_worker_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.code}: assignment {self.pk}"


@audited
class CasePlan(VersionedModel):
    """The person's individual assistance plan: goals, planned services, agreement, review."""

    case = models.OneToOneField(VictimCase, on_delete=models.CASCADE, related_name="plan")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("drawn up by"),
    )
    created_by = user_reference(_("drawn up by (user)"))
    agreed_with_person = models.BooleanField(_("agreed with the person"), default=False)
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    review_on = models.DateField(_("review on"), null=True, blank=True)

    class Meta:
        verbose_name = _("assistance plan")
        verbose_name_plural = _("assistance plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(agreed_with_person=False) | Q(agreed_on__isnull=False),
                name="plan_agreement_has_date",
                violation_error_message=_("Give the date the plan was agreed with the person."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.code}: plan"

    @property
    def steps(self) -> tuple[int, int]:
        """(done, total) of goals and planned services (uses prefetched rows)."""
        goals = list(self.goals.all())
        planned = list(self.planned_services.all())
        done = sum(1 for g in goals if g.achieved_on) + sum(1 for p in planned if p.done_on)
        return done, len(goals) + len(planned)

    @property
    def progress_percent(self) -> int:
        done, total = self.steps
        return round(100 * done / total) if total else 0


@audited
class PlanGoal(DomainModel):
    plan = models.ForeignKey(CasePlan, on_delete=models.CASCADE, related_name="goals")
    text = EncryptedTextField(_("goal"))
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")

    def __str__(self) -> str:
        return f"goal:{self.pk}"


@audited
class PlannedService(DomainModel):
    """A service the plan foresees, by a target date; marked done when delivered."""

    plan = models.ForeignKey(CasePlan, on_delete=models.CASCADE, related_name="planned_services")
    service_type = models.CharField(_("service"), max_length=24, choices=ServiceType.choices)
    provider = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provider"),
    )
    target_on = models.DateField(_("target date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["target_on", "pk"]
        verbose_name = _("planned service")
        verbose_name_plural = _("planned services")

    def __str__(self) -> str:
        return f"planned service:{self.pk}"


@audited
class CaseNote(DomainModel):
    """A dated note on a case, by a person of an organisation; the text is encrypted."""

    case = models.ForeignKey(VictimCase, on_delete=models.CASCADE, related_name="case_notes")
    written_on = models.DateField(_("date"))
    text = EncryptedTextField(_("note"))
    author = user_reference(_("written by"))
    organisation = organisation_reference()

    class Meta:
        ordering = ["-written_on", "-pk"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")

    def __str__(self) -> str:
        return f"{self.case.code}: note {self.pk}"
