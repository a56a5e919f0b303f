"""`nrm export htcds`: the cases of a period in the HTCDS 2.0 Excel template.

The file is a copy of the published template, filled from row 3, with NRM's own columns (nrm_*)
after the template's so that it imports back exactly (docs/exchange.md). Identifying data (names,
birth date, contact details) are written only when asked for, and for each case only when the
caller may see them; every such read leaves an access entry, and every export a log entry.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from nrm.cases.models import CaseStatus, VictimCase
from nrm.cases.selectors import can_see_identity, case_identity
from nrm.core.periods import Period
from nrm.exchange import htcds
from nrm.exchange.htcds_import import CONTACT_PARTS, STAY_SEPARATOR
from nrm.exchange.models import ExchangeKind
from nrm.exchange.rules import require_exchange
from nrm.exchange.selectors import cases_for_export
from nrm.exchange.services import exchange_log

DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class ExportedFile:
    content: bytes
    file_name: str
    rows: int
    identities: int  # cases written with their identifying data
    withheld: int  # cases whose identifying data the caller may not see


def export_htcds(*, actor: Any, period: Period, identifying: bool = False) -> ExportedFile:
    """The template filled with the period's cases the actor may read; logged."""
    require_exchange(actor)
    # Imported here: every `nrm` command's start-up would otherwise pay for openpyxl.
    from openpyxl import load_workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = load_workbook(htcds.TEMPLATE)
    sheet = workbook[htcds.TEMPLATE_SHEET]
    columns = _template_columns(sheet)
    for field in htcds.EXTENSION_FIELDS:
        position = sheet.max_column + 1
        sheet.cell(row=htcds.NAMES_ROW, column=position, value=field.name)
        sheet.cell(row=htcds.LABELS_ROW, column=position, value=field.label).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(position)].width = 18
        columns[field.name] = position
    rows = identities = withheld = 0
    for case in cases_for_export(actor=actor, period=period):
        number = htcds.FIRST_DATA_ROW + rows
        values = case_values(case)
        if identifying:
            if can_see_identity(actor=actor, case=case):
                values.update(identity_values(actor, case))
                identities += 1
            else:
                withheld += 1
        sheet.cell(row=number, column=1, value=rows + 1)
        for name, value in values.items():
            if value in (None, ""):
                continue
            cell = sheet.cell(row=number, column=columns[name], value=value)
            if hasattr(value, "isoformat"):
                cell.number_format = DATE_FORMAT
        rows += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()
    file_name = f"nrm-htcds-{period.start.isoformat()}-{period.end.isoformat()}.xlsx"
    exchange_log(
        actor=actor,
        kind=ExchangeKind.HTCDS_EXPORT,
        rows=rows,
        content=content,
        file_name=file_name,
        period=period,
        identifying=identifying and identities > 0,
        summary={"identities": identities, "withheld": withheld},
    )
    return ExportedFile(content, file_name, rows, identities, withheld)


def _template_columns(sheet: Any) -> dict[str, int]:
    """{field name: column} as the template lays them out (names in row 1, else labels)."""
    by_name = {htcds.normalised(f.name): f.name for f in htcds.TEMPLATE_FIELDS}
    for item in htcds.TEMPLATE_FIELDS:
        for alias in item.aliases:
            by_name[htcds.normalised(alias)] = item.name
    by_label = {htcds.normalised(f.label): f.name for f in htcds.TEMPLATE_FIELDS}
    columns: dict[str, int] = {}
    for position in range(1, sheet.max_column + 1):
        name = sheet.cell(row=htcds.NAMES_ROW, column=position).value
        label = sheet.cell(row=htcds.LABELS_ROW, column=position).value
        found = by_name.get(htcds.normalised(str(name or ""))) or (
            None if name else by_label.get(htcds.normalised(str(label or "")))
        )
        if found and found not in columns:
            columns[found] = position
    return columns


def case_values(case: VictimCase) -> dict[str, Any]:
    """What any coordinator may export of a case: no name, birth date or contact."""
    forms = case.exploitation_codes
    decisions = list(case.decisions.all())
    consents = list(case.consents.all())
    referrals = list(case.referrals.all())
    latest_referral = referrals[-1] if referrals else None
    confirmed = case.confirmed_on is not None
    decision_org = decisions[-1].authority if decisions else case.organisation
    values: dict[str, Any] = {
        "con_Consent": (None if not consents else ("TRUE" if consents[-1].given else "FALSE")),
        "prs_Gender": htcds.GENDER_OUT[case.sex],
        "prs_Citizenship": str(case.citizenship or ""),
        "vic_TraffickingStatus": htcds.trafficking_status_out(case.status, confirmed),
        "vic_TraffickinStatusDecisionMakingOrg": htcds.DECISION_ORG_OUT.get(
            decision_org.type, "Other"
        ),
        "vic_MethodOfRecruitment": _joined(htcds.RECRUITMENT_OUT[c] for c in case.recruitment),
        "vic_MethodsOfControl": _joined(htcds.MEANS_OUT[c] for c in case.means_of_control),
        "vic_TypeOfExploitation": _joined(htcds.EXPLOITATION_OUT[f] for f in forms),
        "cas_Status": "Closed" if case.status == CaseStatus.CLOSED else "Active",
        "nrm_CaseCode": case.code,
        "nrm_Status": case.status,
        "nrm_StatusSince": decisions[-1].decided_on if decisions else None,
        "nrm_IdentifiedOn": case.identified_on,
        "nrm_ConfirmedOn": case.confirmed_on,
        "nrm_IdentifyingOrganisation": case.organisation.name,
        "nrm_AgeAtIdentification": case.age_at_identification,
        "nrm_ExploitationForms": _joined(forms),
        "nrm_Recruitment": _joined(case.recruitment),
        "nrm_TraffickingScope": case.trafficking_scope,
        "nrm_Municipality": case.municipality.code if case.municipality else "",
        "nrm_ShelterStays": f"{STAY_SEPARATOR} ".join(
            f"{stay.start.isoformat()}/{stay.end.isoformat() if stay.end else ''}"
            for stay in case.stays.all()
        ),
    }
    if latest_referral is not None:
        values.update(
            {
                "cas_ReferredOrganisation": latest_referral.to_organisation.name,
                "cas_OutgoingReferralDate": latest_referral.referred_on,
                "cas_ReasonForOutgoingReferral": "AdditionalServicesRequired",
                "cas_OutgoingReferralDetails": latest_referral.get_service_type_display(),
            }
        )
    return values


def identity_values(actor: Any, case: VictimCase) -> dict[str, Any]:
    """Names, birth date and contact details, read with an access entry for the export."""
    identity = case_identity(actor=actor, case=case, purpose="export")
    values: dict[str, Any] = {
        "prs_FirstName": identity.first_name,
        "prs_SecondName": identity.last_name,
        "prs_Birthdate": identity.birth_date,
    }
    prefixes = {prefix.lower(): name for name, prefix in CONTACT_PARTS}
    for line in identity.contact.splitlines():
        prefix, _sep, value = line.partition(":")
        name = prefixes.get(prefix.strip().lower())
        if name and value.strip():
            values[name] = value.strip()
        elif line.strip():  # free text that is not one of the template's parts
            values["prs_MailingStreet"] = " ".join(
                p for p in (values.get("prs_MailingStreet", ""), line.strip()) if p
            )
    return values


def _joined(codes: Any) -> str:
    seen: list[str] = []
    for code in codes:
        if code not in seen:
            seen.append(code)
    return "; ".join(seen)


def describe(exported: ExportedFile) -> str:
    text = _("%(rows)s case(s) written to the HTCDS template.") % {"rows": exported.rows}
    if exported.withheld:
        text += " " + _(
            "The identifying data of %(n)s case(s) were left out: you may not see them."
        ) % {"n": exported.withheld}
    return text
