from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from nrm.accounts import selectors, services
from nrm.accounts.models import ApiToken
from nrm.core.errors import ApplicationError


class Command(BaseCommand):
    help = "Manage personal API tokens: create, list, revoke."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token and print it once")
        create.add_argument("username")
        create.add_argument("--name", default="command line", help="what the token is for")
        create.add_argument(
            "--days",
            type=int,
            default=None,
            help="expires after N days (default: NRM_API_TOKEN_DAYS, 90 unless configured)",
        )
        listing = sub.add_parser("list", help="list a user's tokens (never their values)")
        listing.add_argument("username")
        revoke = sub.add_parser("revoke", help="revoke a token by its id")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except ApplicationError as exc:
            raise CommandError(str(exc), returncode=2) from exc

    def _create(self, options: dict[str, Any]) -> None:
        user = selectors.user_by_username(options["username"])
        expires = None
        if options["days"] is not None:
            if options["days"] < 1:
                raise CommandError("--days must be at least 1", returncode=2)
            expires = timezone.now() + datetime.timedelta(days=options["days"])
        token, value = services.token_create(
            actor=None, user=user, name=options["name"], expires_at=expires
        )
        until = (
            f"expires {timezone.localtime(token.expires_at):%Y-%m-%d}"
            if token.expires_at
            else "never expires"
        )
        self.stderr.write(
            f"Token {token.pk} for {user.username} ({until}); store it now, it is not shown again:"
        )
        self.stdout.write(value)

    def _list(self, options: dict[str, Any]) -> None:
        user = selectors.user_by_username(options["username"])
        self.stdout.write("id\tname\tstarts with\tstate\texpires")
        for token in ApiToken.objects.filter(user=user):
            state = "active" if token.is_usable else "revoked/expired"
            expires = (
                f"{timezone.localtime(token.expires_at):%Y-%m-%d %H:%M}"
                if token.expires_at
                else "never"
            )
            self.stdout.write(f"{token.pk}\t{token.name}\t{token.hint}…\t{state}\t{expires}")

    def _revoke(self, options: dict[str, Any]) -> None:
        token = ApiToken.objects.filter(pk=options["id"]).first()
        if token is None:
            raise CommandError(f"No token with id {options['id']}.", returncode=2)
        services.token_revoke(actor=None, token=token)
        self.stdout.write(f"Token {token.pk} revoked.")
