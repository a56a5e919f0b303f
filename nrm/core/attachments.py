"""Records that documents may be attached to, declared by each app (attachment_owners).

The documents app stores files; it never learns who may read a case, a referral, a court case
or an activity. It asks the record's own app, through the owner the app declares: `get`
finds the record for a reader with the app's selector (NotFound for anyone who may not read
it), `can_attach` says whether the reader may add documents to it.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.utils.functional import Promise


class AttachmentOwner(Protocol):
    kind: str  # e.g. "case"
    label: str | Promise  # e.g. "case", for messages and the audit trail

    def get(self, *, actor: Any, key: str) -> Any:
        """The record with this key if `actor` may read it; raises NotFound otherwise."""
        ...

    def key(self, record: Any) -> str: ...

    def title(self, record: Any) -> str:
        """How the record is named on a document's page: a code, never a person's name."""
        ...

    def url(self, record: Any) -> str: ...

    def can_attach(self, *, actor: Any, record: Any) -> bool: ...
