"""The documents of a person's cases and referrals, for an access export and for erasure.

Documents (consent forms, decisions, photos) are personal data as a whole: erasing a person's
data deletes them and their stored files; nothing of them is counted in the statistics.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from nrm.cases.models import Referral, VictimCase
from nrm.core.personal_data import PersonalSection, described
from nrm.documents.models import Document
from nrm.documents.services import delete_with_file


def _documents(case_ids: Sequence[int]) -> QuerySet[Document]:
    codes = list(VictimCase.objects.filter(pk__in=case_ids).values_list("code", flat=True))
    referrals = [
        str(pk) for pk in Referral.objects.filter(case_id__in=case_ids).values_list("pk", flat=True)
    ]
    return Document.objects.filter(
        Q(owner_kind="case", owner_key__in=codes)
        | Q(owner_kind="referral", owner_key__in=referrals)
    )


def export(case_ids: Sequence[int]) -> list[PersonalSection]:
    records = [
        described(d, ("filename", "description", "media_type", "created_at"))
        for d in _documents(case_ids)
    ]
    return [PersonalSection(_("Documents"), records)] if records else []


def erase(case_ids: Sequence[int]) -> int:
    documents = list(_documents(case_ids))
    for document in documents:
        delete_with_file(document)
    return len(documents)
