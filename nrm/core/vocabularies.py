"""Controlled vocabularies shared by every app.

They follow the Human Trafficking Case Data Standard (HTCDS 2.0) where it has a list, extended
where BiH's referral mechanism needs more. Codes are stable identifiers used in imports, the API
and exports; labels are translated.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    OTHER = "other", _("other")
    UNKNOWN = "unknown", _("unknown")


class AgeGroup(models.TextChoices):
    ADULT = "adult", _("adult")
    MINOR = "minor", _("minor")
    UNKNOWN = "unknown", _("unknown")


class ExploitationForm(models.TextChoices):
    SEXUAL = "sexual", _("sexual exploitation")
    LABOUR = "labour", _("labour exploitation")
    BEGGING = "begging", _("forced begging")
    CRIMINALITY = "criminality", _("forced criminality")
    MARRIAGE = "marriage", _("forced marriage")
    DOMESTIC_SERVITUDE = "domestic_servitude", _("domestic servitude")
    ORGAN_REMOVAL = "organ_removal", _("organ removal")
    OTHER = "other", _("other forms")


class MeansOfControl(models.TextChoices):
    """HTCDS vic_MethodsOfControl."""

    PHYSICAL_THREATS = "physical_threats", _("physical threats")
    THREATS_LAW_ENFORCEMENT = "threats_law_enforcement", _("threats of law enforcement")
    THREATENS_FAMILY = "threatens_family", _("threats to children or family")
    DEBT_BONDAGE = "debt_bondage", _("debt bondage")
    FALSE_PROMISES = "false_promises", _("false promises")
    PHYSICAL_ABUSE = "physical_abuse", _("physical abuse")
    SEXUAL_ABUSE = "sexual_abuse", _("sexual abuse")
    TAKES_EARNINGS = "takes_earnings", _("takes earnings")
    RESTRICTS_FINANCIAL_ACCESS = "restricts_financial_access", _("restricts financial access")
    RESTRICTS_MEDICAL_CARE = "restricts_medical_care", _("restricts medical care")
    RESTRICTS_MOVEMENT = "restricts_movement", _("restricts movement")
    WITHHOLDS_NECESSITIES = "withholds_necessities", _("withholds necessities")
    WITHHOLDS_DOCUMENTS = "withholds_documents", _("withholds documents")
    PSYCHOLOGICAL_ABUSE = "psychological_abuse", _("psychological abuse")
    PSYCHOACTIVE_SUBSTANCES = "psychoactive_substances", _("psychoactive substances")
    EXCESSIVE_WORKING_HOURS = "excessive_working_hours", _("excessive working hours")
    USES_CHILDREN = "uses_children", _("uses children")
    OTHER = "other", _("other")


class RecruitmentMethod(models.TextChoices):
    """HTCDS vic_MethodOfRecruitment."""

    PLACE_OF_BUSINESS = "place_of_business", _("at a place of business")
    EDUCATIONAL_INSTITUTION = "educational_institution", _("at an educational institution")
    AT_WORK = "at_work", _("at work")
    ONLINE_SOCIAL_NETWORKS = "online_social_networks", _("through online social networks")
    ONLINE_ADVERTISEMENT = "online_advertisement", _("through an online advertisement")
    TELEVISION_ADVERT = "television_advert", _("through a television advert")
    NEWSPAPER_ADVERT = "newspaper_advert", _("through a newspaper advert")
    FAMILY = "family", _("through family or family events")
    FRIENDS = "friends", _("through friends or social events")
    INTIMATE_PARTNER = "intimate_partner", _("by an intimate partner")
    OTHER = "other", _("other")


class OrganisationType(models.TextChoices):
    """HTCDS org_Type, extended with the institutions of BiH's referral mechanism."""

    NGO = "ngo", _("non-governmental organisation")
    LAW_ENFORCEMENT = "law_enforcement", _("law enforcement")
    HEALTH_SERVICE = "health_service", _("health service organisation")
    CENTRAL_GOVERNMENT = "central_government", _("central government organisation")
    LOCAL_GOVERNMENT = "local_government", _("local government organisation")
    IMMIGRATION_SERVICE = "immigration_service", _("immigration service")
    LEGAL_SERVICE = "legal_service", _("legal service")
    CORPORATE_BUSINESS = "corporate_business", _("corporate business")
    SCHOOL_OR_COLLEGE = "school_or_college", _("school or college")
    MINISTRY = "ministry", _("ministry")
    PROSECUTORS_OFFICE = "prosecutors_office", _("prosecutor's office")
    COURT = "court", _("court")
    POLICE_AGENCY = "police_agency", _("police agency")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("labour inspectorate")
    CENTRE_FOR_SOCIAL_WORK = "centre_for_social_work", _("centre for social work")
    SAFE_HOUSE = "safe_house", _("safe house")
    LEGAL_AID_PROVIDER = "legal_aid_provider", _("legal-aid provider")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("international organisation")
    OTHER = "other", _("other")


class Jurisdiction(models.TextChoices):
    BIH = "bih", _("Bosnia and Herzegovina (state level)")
    FBIH = "fbih", _("Federation of Bosnia and Herzegovina")
    RS = "rs", _("Republika Srpska")
    BD = "bd", _("Brčko District")


class Canton(models.TextChoices):
    USK = "usk", _("Una-Sana Canton")
    PK = "pk", _("Posavina Canton")
    TK = "tk", _("Tuzla Canton")
    ZDK = "zdk", _("Zenica-Doboj Canton")
    BPK = "bpk", _("Bosnian-Podrinje Canton Goražde")
    SBK = "sbk", _("Central Bosnia Canton")
    HNK = "hnk", _("Herzegovina-Neretva Canton")
    ZHK = "zhk", _("West Herzegovina Canton")
    KS = "ks", _("Sarajevo Canton")
    K10 = "k10", _("Canton 10")


NOT_RECORDED = "not_recorded"
UNKNOWN_COUNTRY = "unknown"
