from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from nrm.bulletin.builder import build_bulletin
from nrm.bulletin.language import LANGUAGES, check_language
from nrm.bulletin.models import Edition
from nrm.bulletin.render import FORMATS, check_format, filename, render_document
from nrm.bulletin.selectors import version_get
from nrm.bulletin.services import composition_of, version_document
from nrm.bulletin.sources import Composition, collect_sources
from nrm.core.commands import ReadingCommand
from nrm.core.errors import ApplicationError, NotFound
from nrm.core.periods import Period


class Command(ReadingCommand):
    help = (
        "Write the bulletin of a period (statistics of the year to date, activities of the "
        "period) as HTML, DOCX or PDF: the draft built from the records now, or a published "
        "version with --published."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help="YYYY, YYYY-H1 or YYYY-H2")
        parser.add_argument("--lang", default="en", help=f"one of {', '.join(LANGUAGES)}")
        parser.add_argument("--format", default="pdf", help=f"one of {', '.join(FORMATS)}")
        parser.add_argument(
            "--out",
            help="the file to write ('-' for standard output; default: a name like "
            "nrm-bulletin-2024-H2-draft-en.pdf in the current directory)",
        )
        parser.add_argument(
            "--published",
            dest="number",
            type=int,
            metavar="N",
            help="published version N instead of the draft built from the records now",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = Period.parse(options["period"])
            language = check_language(options["lang"])
            fmt = check_format(options["format"]).code
            if options["number"]:
                try:
                    version = version_get(period=period.name, number=options["number"])
                except NotFound:
                    raise CommandError(
                        f"No published version {options['number']} of the bulletin for "
                        f"{period.name}.",
                        returncode=2,
                    ) from None
                document = version_document(version, language)
            else:
                edition = Edition.objects.filter(period=period.name).first()
                composition = composition_of(edition) if edition else Composition()
                sources = collect_sources(period=period, composition=composition)
                document = build_bulletin(sources, language)
            content = render_document(document, fmt)
        except ApplicationError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        target = options["out"] or filename(document, fmt)
        if target == "-":
            sys.stdout.buffer.write(content)
            return
        try:
            Path(target).write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Cannot write {target}: {exc.strerror}", returncode=2) from exc
        self.stderr.write(f"Wrote {target} ({len(content):,} bytes)")
