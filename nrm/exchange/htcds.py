"""IOM's Human Trafficking Case Data Standard 2.0: the Excel template and its vocabularies.

The template (data/HTCDS-Excel-Spreadsheet-v2.0.xlsx, as published) has one sheet, the fields'
technical names in row 1, their labels in row 2, a running number in column A and one case per
row from row 3. NRM reads the columns by their technical names (or, when a file has only the
labels, by the labels), so that the order of columns does not matter.

What each field becomes in NRM, and what is lost either way, is docs/exchange.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nrm.cases.models import CaseStatus, TraffickingScope
from nrm.core.vocabularies import (
    ExploitationForm,
    MeansOfControl,
    OrganisationType,
    RecruitmentMethod,
    Sex,
)

TEMPLATE = Path(__file__).parent / "data" / "HTCDS-Excel-Spreadsheet-v2.0.xlsx"
TEMPLATE_SHEET = "Sheet1"
NAMES_ROW = 1
LABELS_ROW = 2
FIRST_DATA_ROW = 3
LIST_SEPARATORS = re.compile(r"[;,\n]")


@dataclass(frozen=True)
class Field:
    name: str  # the technical name, as in row 1 of the template
    label: str  # as in row 2
    identifying: bool = False  # personal data: exported only when asked for and allowed
    aliases: tuple[str, ...] = ()  # other spellings met in the wild


# The template's columns B to AM, in its order. Row 1 misspells one name
# (vic_TraffickinStatusDecisionMakingOrg), leaves AJ without a name and names N-R in another
# order than their labels; names win over labels, the standard's spelling is accepted too.
TEMPLATE_FIELDS: tuple[Field, ...] = (
    Field("cas_CaseOwner", "Case Owner"),
    Field("prs_Salutation", "Salutation", identifying=True),
    Field("prs_FirstName", "First Name", identifying=True),
    Field("prs_SecondName", "Second Name", identifying=True),
    Field("con_Consent", "Consent"),
    Field("prs_Birthdate", "Birthdate", identifying=True),
    Field("prs_Gender", "Gender"),
    Field("prs_Citizenship", "Citizenship"),
    Field("prs_Title", "Title"),
    Field("prs_Email", "Email", identifying=True),
    Field("prs_HomePhone", "Home Phone", identifying=True),
    Field("prs_MobilePhone", "Mobile Phone", identifying=True),
    Field("prs_MailingCity", "Mailing City", identifying=True),
    Field("prs_MailingCountry", "Mailing Country", identifying=True),
    Field("prs_MailingState", "Mailing State/Province", identifying=True),
    Field("prs_MailingStreet", "Mailing Street", identifying=True),
    Field("prs_MailingPostalCode", "Mailing Zip/Postal Code", identifying=True),
    Field("vic_TraffickingStatus", "Trafficking Status"),
    Field(
        "vic_TraffickinStatusDecisionMakingOrg",
        "Trafficking Status Decision Making Organization",
        aliases=("vic_TraffickingStatusDecisionMakingOrg",),
    ),
    Field("vic_MethodOfRecruitment", "Method of Recruitment"),
    Field("vic_LocationOfRecruitment", "Location of Recruitment"),
    Field("vic_MethodsOfControl", "Methods of Control"),
    Field("vic_TypeOfExploitation", "Type of Exploitation"),
    Field("vic_ForcedLabourIndustry", "Forced Labour Industry"),
    Field("vic_TypeOfSexExploitation", "Type of Sex Exploitation"),
    Field("vic_LocationOfExploitation", "Location of Exploitation"),
    Field("cas_Status", "Status"),
    Field("cas_ReferringOrganisation", "Referring Organisation"),
    Field("cas_IncomingReferralDate", "Incoming Referral Date"),
    Field("cas_ReferringPrimaryCaseWorker", "Referring Primary Case Worker"),
    Field("cas_ReasonForIncomingReferral", "Reason for Incoming Referral"),
    Field("cas_IncomingReferralDetails", "Incoming Referral Details"),
    Field("cas_ReferredOrganisation", "Referred Organisation"),
    Field("cas_ReferredPrimaryCaseWorker", "Referred Primary Case Worker"),
    Field("cas_ReasonForOutgoingReferral", "Reason for Outgoing Referral"),
    Field("cas_OutgoingReferralDate", "Outgoing Referral Date"),
    Field("cas_OutgoingReferralDetails", "Outgoing Referral Details"),
    Field("cas_ReasonForCaseClosure", "Reason for Case Closure"),
)

# NRM's own columns, written after the template's (HTCDS fields are extensible): what the
# standard cannot say, so that a file exported by NRM imports back exactly.
EXTENSION_FIELDS: tuple[Field, ...] = (
    Field("nrm_CaseCode", "NRM case code"),
    Field("nrm_Status", "NRM status"),
    Field("nrm_StatusSince", "NRM status since"),
    Field("nrm_IdentifiedOn", "NRM date of identification"),
    Field("nrm_ConfirmedOn", "NRM identified as a victim on"),
    Field("nrm_IdentifyingOrganisation", "NRM identifying organisation"),
    Field("nrm_AgeAtIdentification", "NRM age at identification"),
    Field("nrm_ExploitationForms", "NRM forms of exploitation"),
    Field("nrm_Recruitment", "NRM recruitment"),
    Field("nrm_TraffickingScope", "NRM internal or transnational"),
    Field("nrm_Municipality", "NRM municipality"),
    Field("nrm_ShelterStays", "NRM shelter stays"),
)

ALL_FIELDS = TEMPLATE_FIELDS + EXTENSION_FIELDS
FIELDS_BY_NAME = {field.name: field for field in ALL_FIELDS}

# Template fields NRM does not hold, and why (reported when a file fills them).
NOT_HELD: dict[str, str | Promise] = {
    "cas_CaseOwner": _("NRM records the user who entered a case, not another system's user"),
    "prs_Salutation": _("NRM does not record salutations"),
    "prs_Title": _("NRM does not record a victim's position in an organisation"),
    "vic_TraffickinStatusDecisionMakingOrg": _(
        "NRM records the deciding organisation itself, not only its type"
    ),
    "vic_LocationOfRecruitment": _("NRM does not record where a victim was recruited"),
    "vic_ForcedLabourIndustry": _("NRM does not record the industry of labour exploitation"),
    "vic_TypeOfSexExploitation": _("NRM does not record the type of sexual exploitation"),
    "vic_LocationOfExploitation": _("NRM does not record where a victim was exploited"),
    "cas_ReferringOrganisation": _("referrals into another system are not NRM referrals"),
    "cas_ReferringPrimaryCaseWorker": _("NRM does not record other systems' case workers"),
    "cas_ReasonForIncomingReferral": _("referrals into another system are not NRM referrals"),
    "cas_IncomingReferralDetails": _("referrals into another system are not NRM referrals"),
    "cas_ReferredOrganisation": _(
        "an NRM referral needs a service, consent and an answer that the template lacks"
    ),
    "cas_ReferredPrimaryCaseWorker": _("NRM does not record other systems' case workers"),
    "cas_ReasonForOutgoingReferral": _(
        "an NRM referral needs a service, consent and an answer that the template lacks"
    ),
    "cas_OutgoingReferralDate": _(
        "an NRM referral needs a service, consent and an answer that the template lacks"
    ),
    "cas_OutgoingReferralDetails": _(
        "an NRM referral needs a service, consent and an answer that the template lacks"
    ),
}


def normalised(text: str) -> str:
    """Lower case, letters and digits only: 'Not Specified/Unknown' -> 'notspecifiedunknown'."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


# Picklists: HTCDS value name -> NRM code. Labels (row 2 style) are accepted too.

GENDER_IN: dict[str, str] = {
    "Feminine": Sex.FEMALE,
    "Masculine": Sex.MALE,
    "TransgenderFeminine": Sex.OTHER,
    "TransgenderMasculine": Sex.OTHER,
    "NonConforming": Sex.OTHER,
    "NonSpecifiedUnknown": Sex.UNKNOWN,
}
GENDER_ALIASES: dict[str, str] = {
    "Not Specified/Unknown": Sex.UNKNOWN,
    "Female": Sex.FEMALE,
    "Male": Sex.MALE,
    "F": Sex.FEMALE,
    "M": Sex.MALE,
    "Other": Sex.OTHER,
    "Unknown": Sex.UNKNOWN,
}
GENDER_OUT: dict[str, str] = {
    Sex.FEMALE: "Feminine",
    Sex.MALE: "Masculine",
    Sex.OTHER: "NonConforming",
    Sex.UNKNOWN: "NonSpecifiedUnknown",
}

TRAFFICKING_STATUS_IN: dict[str, str] = {
    "PossibleVictimOfTrafficking": CaseStatus.POTENTIAL,
    "ActualVictimOfTrafficking": CaseStatus.IDENTIFIED,
    "NotAVictimOfTrafficking": CaseStatus.NOT_VICTIM,
}


def trafficking_status_out(status: str, confirmed: bool) -> str:
    if status == CaseStatus.NOT_VICTIM:
        return "NotAVictimOfTrafficking"
    return "ActualVictimOfTrafficking" if confirmed else "PossibleVictimOfTrafficking"


CASE_STATUS_VALUES = ("Active", "FollowUp", "Closed", "ClosedReferred")
CLOSED_CASE_STATUSES = ("Closed", "ClosedReferred")

EXPLOITATION_IN: dict[str, str] = {
    "ForcedLabour": ExploitationForm.LABOUR,
    "SexualExploitation": ExploitationForm.SEXUAL,
    "ChildLabour": ExploitationForm.LABOUR,
    "ForcedMarriage": ExploitationForm.MARRIAGE,
    "Servitude": ExploitationForm.DOMESTIC_SERVITUDE,
    "ForcedMilitaryByNonStateActors": ExploitationForm.OTHER,
    "OrganRemoval": ExploitationForm.ORGAN_REMOVAL,
    "ForcedBegging": ExploitationForm.BEGGING,
    "ForcedAdoption": ExploitationForm.OTHER,
    "Surrogacy": ExploitationForm.OTHER,
    "Other": ExploitationForm.OTHER,
}
EXPLOITATION_ALIASES: dict[str, str] = {"Forced military (by non-state actors)": "other"}
EXPLOITATION_OUT: dict[str, str] = {
    ExploitationForm.SEXUAL: "SexualExploitation",
    ExploitationForm.LABOUR: "ForcedLabour",
    ExploitationForm.BEGGING: "ForcedBegging",
    ExploitationForm.CRIMINALITY: "Other",  # HTCDS has no forced criminality
    ExploitationForm.MARRIAGE: "ForcedMarriage",
    ExploitationForm.DOMESTIC_SERVITUDE: "Servitude",
    ExploitationForm.ORGAN_REMOVAL: "OrganRemoval",
    ExploitationForm.OTHER: "Other",
}

# The picklist of vic_MethodsOfControl; NRM's two further means are the standard's field
# definitions MethodsOfControlRestrictsMovement and MethodsOfControlUsesChildren.
MEANS_OUT: dict[str, str] = {
    MeansOfControl.PHYSICAL_THREATS: "PhysicalThreats",
    MeansOfControl.THREATS_LAW_ENFORCEMENT: "ThreatsLawEnforcement",
    MeansOfControl.THREATENS_FAMILY: "ThreatensChildrenFamily",
    MeansOfControl.DEBT_BONDAGE: "DebtBondage",
    MeansOfControl.FALSE_PROMISES: "FalsePromises",
    MeansOfControl.PHYSICAL_ABUSE: "PhysicalAbuse",
    MeansOfControl.SEXUAL_ABUSE: "SexualAbuse",
    MeansOfControl.TAKES_EARNINGS: "TakesEarnings",
    MeansOfControl.RESTRICTS_FINANCIAL_ACCESS: "RestrictsFinancialAccess",
    MeansOfControl.RESTRICTS_MEDICAL_CARE: "RestrictsMedicalCare",
    MeansOfControl.RESTRICTS_MOVEMENT: "RestrictsMovement",
    MeansOfControl.WITHHOLDS_NECESSITIES: "WithholdsNecessities",
    MeansOfControl.WITHHOLDS_DOCUMENTS: "WithholdsDocuments",
    MeansOfControl.PSYCHOLOGICAL_ABUSE: "PsychologicalAbuse",
    MeansOfControl.PSYCHOACTIVE_SUBSTANCES: "PsychoactiveSubstance",
    MeansOfControl.EXCESSIVE_WORKING_HOURS: "ExcessiveWorkingHours",
    MeansOfControl.USES_CHILDREN: "UsesChildren",
    MeansOfControl.OTHER: "Other",
}
MEANS_IN: dict[str, str] = {value: code for code, value in MEANS_OUT.items()}
# The field definitions' names (MethodsOfControlThreats, ...) and the picklist's labels.
MEANS_ALIASES: dict[str, str] = {
    **{f"MethodsOfControl{value}": code for code, value in MEANS_OUT.items()},
    "MethodsOfControlThreats": MeansOfControl.PHYSICAL_THREATS,
    "MethodsOfControlThreatOfLawEnforcement": MeansOfControl.THREATS_LAW_ENFORCEMENT,
    "MethodsOfControlPsychoactiveSubstances": MeansOfControl.PSYCHOACTIVE_SUBSTANCES,
    "Threats of law enforcement": MeansOfControl.THREATS_LAW_ENFORCEMENT,
    "Threatens children/family": MeansOfControl.THREATENS_FAMILY,
}

RECRUITMENT_OUT: dict[str, str] = {
    RecruitmentMethod.PLACE_OF_BUSINESS: "AtAPlaceOfBusiness",
    RecruitmentMethod.EDUCATIONAL_INSTITUTION: "AtAnEducationalInstitution",
    RecruitmentMethod.AT_WORK: "AtWork",
    RecruitmentMethod.ONLINE_SOCIAL_NETWORKS: "ThroughOnlineSocialNetworks",
    RecruitmentMethod.ONLINE_ADVERTISEMENT: "ThroughAnOnlineAdvertisement",
    RecruitmentMethod.TELEVISION_ADVERT: "ThroughATelevisionAdvert",
    RecruitmentMethod.NEWSPAPER_ADVERT: "ThroughANewspaperAdvert",
    RecruitmentMethod.FAMILY: "ThroughFamilyOrFamilyEvents",
    RecruitmentMethod.FRIENDS: "ThroughFriendsOrSocialEvents",
    RecruitmentMethod.INTIMATE_PARTNER: "Other",  # not in the HTCDS picklist
    RecruitmentMethod.OTHER: "Other",
}
RECRUITMENT_IN: dict[str, str] = {
    value: code
    for code, value in RECRUITMENT_OUT.items()
    if code != RecruitmentMethod.INTIMATE_PARTNER
}

# The type of the organisation that decided on the status (vic_...DecisionMakingOrg).
DECISION_ORG_OUT: dict[str, str] = {
    OrganisationType.POLICE_AGENCY: "Police",
    OrganisationType.LAW_ENFORCEMENT: "Police",
    OrganisationType.NGO: "NGO",
    OrganisationType.SAFE_HOUSE: "NGO",
    OrganisationType.LEGAL_AID_PROVIDER: "NGO",
    OrganisationType.COURT: "CourtOrProsecution",
    OrganisationType.PROSECUTORS_OFFICE: "CourtOrProsecution",
    OrganisationType.MINISTRY: "NonPoliceGovernmentalOrganization",
    OrganisationType.CENTRAL_GOVERNMENT: "NonPoliceGovernmentalOrganization",
    OrganisationType.LOCAL_GOVERNMENT: "NonPoliceGovernmentalOrganization",
    OrganisationType.CENTRE_FOR_SOCIAL_WORK: "NonPoliceGovernmentalOrganization",
    OrganisationType.LABOUR_INSPECTORATE: "NonPoliceGovernmentalOrganization",
    OrganisationType.IMMIGRATION_SERVICE: "NonPoliceGovernmentalOrganization",
}

SCOPES = tuple(TraffickingScope.values)

CONSENT_YES = frozenset({"true", "yes", "y", "1", "x", "da", "checked"})
CONSENT_NO = frozenset({"false", "no", "n", "0", "ne", "unchecked"})


def picklist(
    values: dict[str, str], aliases: dict[str, str] | None = None, labels: bool = True
) -> dict[str, str]:
    """{normalised spelling: NRM code}: value names, their labels ('ForcedLabour' and
    'Forced labour' are one spelling once normalised), NRM's own codes and the aliases."""
    table = {normalised(name): code for name, code in values.items()}
    for code in set(values.values()):
        table.setdefault(normalised(code), code)
    for name, code in (aliases or {}).items():
        table[normalised(name)] = code
    return table


GENDERS = picklist(GENDER_IN, GENDER_ALIASES)
TRAFFICKING_STATUSES = picklist(
    TRAFFICKING_STATUS_IN,
    {
        "Possible victim of trafficking": CaseStatus.POTENTIAL,
        "Actual victim of trafficking": CaseStatus.IDENTIFIED,
        "Not a victim of trafficking": CaseStatus.NOT_VICTIM,
    },
)
EXPLOITATIONS = picklist(EXPLOITATION_IN, EXPLOITATION_ALIASES)
MEANS = picklist(MEANS_IN, MEANS_ALIASES)
RECRUITMENTS = picklist(RECRUITMENT_IN)
CASE_STATUSES = {normalised(v): v for v in CASE_STATUS_VALUES}

# NRM's own codes, in the nrm_* columns.
NRM_EXPLOITATIONS = {normalised(code): code for code in ExploitationForm.values}
NRM_RECRUITMENTS = {normalised(code): code for code in RecruitmentMethod.values}
