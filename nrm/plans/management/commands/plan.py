from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.bulletin.language import LANGUAGES, check_language
from nrm.bulletin.render import FORMATS, check_format, render_document
from nrm.core.errors import ApplicationError, NotFound
from nrm.core.imports import ImportFailed
from nrm.plans import importers, selectors
from nrm.plans.report import build_report, published_document, report_filename


class Command(BaseCommand):
    help = (
        "Action plans: import a plan workbook (.xlsx, all rows or none), export a plan in the "
        "same layout, or write the implementation report of a reporting round."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="import a plan workbook (docs/action-plans.md)")
        load.add_argument("file", type=Path)
        load.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        export = sub.add_parser("export", help="write a plan as a workbook")
        export.add_argument("--plan", required=True, help="the plan's key")
        export.add_argument("--out", required=True, help="the .xlsx file to write")
        report = sub.add_parser("report", help="write the implementation report of a round")
        report.add_argument("--plan", required=True, help="the plan's key")
        report.add_argument("--round", type=int, help="the round's number (default: the latest)")
        report.add_argument("--lang", default="en", help=f"one of {', '.join(LANGUAGES)}")
        report.add_argument("--format", default="pdf", help=f"one of {', '.join(FORMATS)}")
        report.add_argument(
            "--published", type=int, metavar="N", help="published version N, not the draft"
        )
        report.add_argument("--out", help="the file to write ('-': standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(failed.problems)} problem(s); nothing was imported.", returncode=2
            ) from None
        except NotFound as exc:
            raise CommandError(f"Not found: {exc}", returncode=2) from exc
        except ApplicationError as exc:
            raise CommandError(str(exc), returncode=2) from exc

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file", returncode=2)
        result = importers.import_plan(actor=None, path=path, dry_run=options["dry_run"])
        self.stdout.write(importers.summary(result))

    def _export(self, options: dict[str, Any]) -> None:
        plan = selectors.plan_get(actor=None, key=options["plan"])
        self._write(options["out"], importers.export_plan(plan))

    def _report(self, options: dict[str, Any]) -> None:
        plan = selectors.plan_get(actor=None, key=options["plan"])
        language = check_language(options["lang"])
        fmt = check_format(options["format"]).code
        if options["round"]:
            round = selectors.round_by_number(actor=None, plan=plan, number=options["round"])
        else:
            latest = selectors.latest_round(plan)
            if latest is None:
                raise CommandError(f"Plan {plan.key} has no reporting round.", returncode=2)
            round = latest
        if options["published"]:
            published = round.published.filter(number=options["published"]).first()
            if published is None:
                raise CommandError(
                    f"No published version {options['published']} of round {round.number}.",
                    returncode=2,
                )
            document = published_document(published, language)
        else:
            document = build_report(round, language)
        content = render_document(document, fmt)
        self._write(options["out"] or report_filename(document, fmt), content)

    def _write(self, target: str, content: bytes) -> None:
        if target == "-":
            sys.stdout.buffer.write(content)
            return
        try:
            Path(target).write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Cannot write {target}: {exc.strerror}", returncode=2) from exc
        self.stderr.write(f"Wrote {target} ({len(content):,} bytes)")
