"""What the project's management commands share."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class ReadingCommand(BaseCommand):
    """A command that only reads and reports (statistics, the bulletin, screening). It starts
    without Django's system checks, which import every URL, view and the API's schema and
    would double its start; the commands that change an installation (migrate, serve) run
    them."""

    requires_system_checks: list[str] = []
