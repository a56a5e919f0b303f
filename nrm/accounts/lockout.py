"""Sign-in lock-out: per account from any address, and per address across accounts.

django-axes records each failed sign-in with its user name and address. An account is locked
after NRM_LOGIN_FAILURE_LIMIT failures from anywhere (so rotating addresses does not help), and
an address after NRM_LOGIN_ADDRESS_FAILURE_LIMIT failures on any accounts (so spraying one
password over many accounts does not either). The check of the current password on the profile
page counts as a sign-in attempt: a stolen session cannot be used to guess the password.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import QuerySet, Sum
from django.http import HttpRequest


def _failures(attempts: QuerySet[AccessAttempt]) -> int:
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler with separate limits for an account and for an address."""

    def _recent(self, request: HttpRequest) -> QuerySet[AccessAttempt]:
        attempts = AccessAttempt.objects.all()
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """The account's failures, or the account limit itself once the address is locked."""
        recent = self._recent(request)
        username = get_client_username(request, credentials)
        account = _failures(recent.filter(username=username)) if username else 0
        address_ip = getattr(request, "axes_ip_address", None)
        address = _failures(recent.filter(ip_address=address_ip)) if address_ip else 0
        if address >= settings.NRM_LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(account, settings.AXES_FAILURE_LIMIT)
        return account

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """A successful sign-in forgives the user's own mistakes from this address only.

        axes would also forget every failure of the address (other accounts' too), which would
        let one valid password reset a spraying attacker's count.
        """
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=getattr(request, "axes_ip_address", None)
        ).delete()
        return count


def password_check_allowed(request: HttpRequest, user: Any) -> bool:
    """False while the account (or the address) is locked out."""
    return bool(AxesProxyHandler.is_allowed(request, {"username": user.get_username()}))


def password_check_failed(request: HttpRequest, user: Any) -> None:
    """A wrong current password counts as a failed sign-in of that account."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )
