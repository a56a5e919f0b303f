"""What the accounts app notifies about (nrm.core.notifications): sign-ins locked."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nrm.core.notifications import Delivery, NotificationKind
from nrm.core.roles import Role

SIGN_IN_LOCKED = "accounts.sign_in_locked"

KINDS = [
    NotificationKind(
        SIGN_IN_LOCKED,
        _("Sign-ins are locked after failed attempts"),
        _("Sign-ins to an account are locked after %(count)s failed attempts: see the home page."),
        _("Sign-ins to an account are locked after %(count)s failed attempts."),
        Delivery.IMMEDIATE,
        (Role.ADMIN, Role.AUDITOR),
    ),
]


def on_locked_out(sender: Any, **kwargs: Any) -> None:
    """django-axes locked a sign-in: the administrators and auditors hear of it."""
    from nrm.accounts.selectors import active_users_with_role
    from nrm.inbox.services import notify

    notify(
        actor=None,
        kind=SIGN_IN_LOCKED,
        recipients=active_users_with_role(roles=(Role.ADMIN, Role.AUDITOR)),
        url=reverse("core:home"),
        params={"count": settings.AXES_FAILURE_LIMIT},
    )
