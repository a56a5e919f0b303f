from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from nrm.core.gunicorn import ACCESS_LOG_FORMAT


class Command(BaseCommand):
    help = "Serve NRM with gunicorn (or Django's auto-reloading server with --dev)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--dev", action="store_true", help="auto-reload on code changes")

    def handle(self, *args: Any, **options: Any) -> None:
        # The shared cache's table (flood limits), for a database migrated before it existed.
        call_command("createcachetable", verbosity=0)
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"NRM is served on http://{address}/ (Ctrl+C stops it)")
        if options["dev"]:
            call_command("runserver", address)
            return
        # Client addresses must not be written anywhere (anonymous reports): the access log is
        # off, and the logger blanks addresses in what gunicorn does log (malformed requests).
        argv = [
            sys.executable, "-m", "gunicorn", "nrm.wsgi:application",
            "--bind", address,
            "--workers", str(options["workers"]),
            "--threads", "4",
            "--timeout", "120",
            "--logger-class", "nrm.core.gunicorn.AddresslessLogger",
            "--access-logformat", ACCESS_LOG_FORMAT,
        ]  # fmt: skip
        os.execv(sys.executable, argv)  # noqa: S606  (replaces this process with gunicorn)
