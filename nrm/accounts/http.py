from __future__ import annotations

from django.http import HttpRequest

from nrm.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request of a signed-in user: the access middleware guarantees it for every page that
    is not public, so views can type `request.user` as a User."""

    user: User
