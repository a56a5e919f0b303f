"""Documents on cases and referrals (nrm.core.attachments): this app's rules decide."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nrm.cases import rules, selectors
from nrm.cases.models import Referral, VictimCase
from nrm.core.errors import NotFound


class CaseOwner:
    """A case's documents (consent forms, decisions) are read with the whole case, and added
    by those who may change it."""

    kind = "case"
    label = _("case")

    def get(self, *, actor: Any, key: str) -> VictimCase:
        return selectors.case_for_attachments(actor=actor, code=key)

    def key(self, record: VictimCase) -> str:
        return record.code

    def title(self, record: VictimCase) -> str:
        return record.code

    def url(self, record: VictimCase) -> str:
        return reverse("cases:detail", args=[record.code])

    def can_attach(self, *, actor: Any, record: VictimCase) -> bool:
        return rules.can_edit_case(actor, record)


class ReferralOwner:
    """A referral's documents: read by whoever may read the referral (the sending and the
    receiving organisations, those who read the whole case), added by the two organisations."""

    kind = "referral"
    label = _("referral")

    def get(self, *, actor: Any, key: str) -> Referral:
        if not key.isdigit():
            raise NotFound()
        return selectors.referral_get(actor=actor, pk=int(key))

    def key(self, record: Referral) -> str:
        return str(record.pk)

    def title(self, record: Referral) -> str:
        return f"{record.case.code} · referral {record.pk}"

    def url(self, record: Referral) -> str:
        return reverse("cases:referral", args=[record.pk])

    def can_attach(self, *, actor: Any, record: Referral) -> bool:
        if actor is None:
            return True
        organisation = getattr(actor, "organisation_id", None)
        return rules.can_answer_referral(actor, record) or (
            organisation == record.from_organisation_id and rules.can_refer(actor, record.case)
        )


CASE = CaseOwner()
REFERRAL = ReferralOwner()
