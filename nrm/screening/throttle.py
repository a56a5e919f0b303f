"""Flood protection for the public forms, without keeping anyone's address.

Each client is counted under a keyed hash of its address and the current time window: the
cache never holds an address in clear, the key changes with every window (so counts cannot be
linked from one window to the next), and entries expire with the window. A global count per
window caps the total whatever the addresses. Nothing is written to the database or the logs.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Limit:
    scope: str  # e.g. "report", "follow-up"
    per_client: int
    overall: int
    window_seconds: int


def client_address(request: HttpRequest) -> str:
    """The client's address as the application sees it (behind NRM_PROXY_COUNT proxies)."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def _window(limit: Limit, now: float) -> int:
    return int(now // limit.window_seconds)


def _client_key(limit: Limit, address: str, window: int) -> str:
    secret = settings.SECRET_KEY.encode("utf-8")
    message = f"throttle\x1f{limit.scope}\x1f{window}\x1f{address}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]
    return f"nrm:throttle:{limit.scope}:{digest}"


def _increment(key: str, timeout: int) -> int:
    if cache.add(key, 1, timeout=timeout):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=timeout)
        return 1


def allow(limit: Limit, request: HttpRequest, now: float | None = None) -> bool:
    """Count this request; False when the client or everyone together is over the limit."""
    moment = time.time() if now is None else now
    window = _window(limit, moment)
    timeout = limit.window_seconds + 5
    overall = _increment(f"nrm:throttle:{limit.scope}:all:{window}", timeout)
    own = _increment(_client_key(limit, client_address(request), window), timeout)
    return own <= limit.per_client and overall <= limit.overall


def report_limit() -> Limit:
    return Limit(
        "report",
        settings.NRM_REPORT_LIMIT_PER_CLIENT,
        settings.NRM_REPORT_LIMIT_OVERALL,
        settings.NRM_REPORT_LIMIT_WINDOW_MINUTES * 60,
    )


def follow_up_limit() -> Limit:
    """Looking up a code: more generous, but enough to make guessing codes pointless."""
    return Limit(
        "follow-up",
        settings.NRM_REPORT_LIMIT_PER_CLIENT * 4,
        settings.NRM_REPORT_LIMIT_OVERALL * 4,
        settings.NRM_REPORT_LIMIT_WINDOW_MINUTES * 60,
    )
