"""The case list and the referral list as lists people work with (nrm.core.lists): the
columns that sort, and what an export holds (codes, never names)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.lists import Column, ListSpec

CASES = ListSpec(
    key="cases",
    columns=(
        Column("code", _("Case code"), lambda c: c.code, "code_year,code_number,code"),
        Column("status", _("Status"), lambda c: c.get_status_display(), "status"),
        Column("identified", _("Identified"), lambda c: c.identified_on, "identified_on"),
        Column("sex", _("Sex"), lambda c: c.get_sex_display(), "sex"),
        Column("age_group", _("Age group"), lambda c: c.get_age_group_display(), "age_group"),
        Column(
            "age",
            _("Age at identification"),
            lambda c: c.age_at_identification,
            "age_at_identification",
        ),
        Column("citizenship", _("Citizenship"), lambda c: c.citizenship.name, "citizenship"),
        Column("exploitation", _("Forms of exploitation"), lambda c: c.exploitation_labels),
        Column(
            "organisation",
            _("Identifying organisation"),
            lambda c: str(c.organisation),
            "organisation__name",
        ),
    ),
)

REFERRALS = ListSpec(
    key="referrals",
    columns=(
        Column("case", _("Case"), lambda r: r.case.code, "case__code"),
        Column("date", _("Date"), lambda r: r.referred_on, "referred_on"),
        Column("service", _("Service"), lambda r: r.get_service_type_display(), "service_type"),
        Column("from", _("From"), lambda r: str(r.from_organisation), "from_organisation__name"),
        Column("to", _("To"), lambda r: str(r.to_organisation), "to_organisation__name"),
        Column("status", _("Status"), lambda r: r.get_status_display(), "status"),
        Column("urgent", _("Urgent"), lambda r: _("yes") if r.urgent else "", "urgent"),
    ),
)
