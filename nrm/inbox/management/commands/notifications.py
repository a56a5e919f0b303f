"""`nrm notifications`: the daily round, for cron (idempotent: run it again, nothing doubles).

1. each app's daily jobs (e.g. notify tasks that became overdue, once per task);
2. e-mails that failed, or were never sent, are tried again;
3. one digest e-mail per user with what waits for the digest.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from nrm.core.registry import daily_jobs
from nrm.inbox import services


class Command(BaseCommand):
    help = (
        "Run the daily jobs (overdue tasks), retry failed e-mails and send the daily digests. "
        "Safe to run again; run it once a day from cron, e.g. at 07:00."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-digest",
            action="store_true",
            help="do not send the digests (e.g. when run every few minutes to retry e-mails)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        for job in daily_jobs():
            done = job(now)
            self.stdout.write(f"{job.__module__}.{job.__name__}: {done}")
        self.stdout.write(f"e-mails sent again: {services.retry_failed(now)}")
        if not options["no_digest"]:
            self.stdout.write(f"digests sent: {services.send_digests()}")
