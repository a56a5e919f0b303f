"""Documents on monitored court cases (e.g. the court's decision): this app's rules decide."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nrm.core.errors import NotFound
from nrm.justice import rules, selectors
from nrm.justice.models import CourtCase


class CourtCaseOwner:
    kind = "court_case"
    label = _("court case")

    def get(self, *, actor: Any, key: str) -> CourtCase:
        if not key.isdigit():
            raise NotFound()
        return selectors.court_case_get(actor=actor, pk=int(key))

    def key(self, record: CourtCase) -> str:
        return str(record.pk)

    def title(self, record: CourtCase) -> str:
        return str(record.case_number)

    def url(self, record: CourtCase) -> str:
        return reverse("justice:detail", args=[record.pk])

    def can_attach(self, *, actor: Any, record: CourtCase) -> bool:
        return rules.can_edit(actor, record)


COURT_CASE = CourtCaseOwner()
