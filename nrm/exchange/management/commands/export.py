"""`nrm export htcds|anonymised|opendata ...`: case data for partners, releases for the public."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.core.errors import ApplicationError, ValidationError
from nrm.core.periods import Period


def period_from(options: dict[str, Any]) -> Period:
    """--period YYYY|YYYY-H1|YYYY-H2, or --from and --to."""
    if options.get("period"):
        return Period.parse(options["period"])
    if options.get("start") and options.get("end"):
        return Period.from_strings(options["start"], options["end"])
    raise ValidationError("give --period (YYYY, YYYY-H1, YYYY-H2) or --from and --to")


def _period_arguments(parser: CommandParser) -> None:
    parser.add_argument("--period", help="YYYY, YYYY-H1 or YYYY-H2")
    parser.add_argument("--from", dest="start", help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", help="last day, YYYY-MM-DD")


class Command(BaseCommand):
    help = "Export case data (HTCDS), an anonymised release (CTDC) or the open-data bundle."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True)
        htcds = sub.add_parser("htcds", help="the cases of a period in the HTCDS 2.0 template")
        _period_arguments(htcds)
        htcds.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
        htcds.add_argument(
            "--identifying",
            action="store_true",
            help="include names, birth dates and contact details (logged per case)",
        )
        anonymised = sub.add_parser(
            "anonymised", help="a k-anonymous case-level release in CTDC's columns"
        )
        _period_arguments(anonymised)
        anonymised.add_argument("--k", type=int, default=11, help="smallest group (default 11)")
        anonymised.add_argument(
            "--out",
            type=Path,
            required=True,
            help="the release (.csv); the counts table is written beside it (-counts.csv)",
        )
        opendata = sub.add_parser(
            "opendata", help="the public statistics as CSV and Parquet with datapackage.json"
        )
        _period_arguments(opendata)
        opendata.add_argument(
            "--out", type=Path, required=True, help="a folder, or a .zip file to write"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = period_from(options)
            handler = getattr(self, f"_{options['kind']}")
            handler(period, options)
        except ApplicationError as error:
            raise CommandError(str(error), returncode=2) from None

    def _htcds(self, period: Period, options: dict[str, Any]) -> None:
        from nrm.exchange.htcds_export import export_htcds

        out: Path = options["out"]
        exported = export_htcds(actor=None, period=period, identifying=options["identifying"])
        out.write_bytes(exported.content)
        what = "with" if options["identifying"] else "without"
        self.stdout.write(
            f"Wrote {exported.rows} case(s) of {_span(period)} to {out} ({what} identifying data)."
        )

    def _anonymised(self, period: Period, options: dict[str, Any]) -> None:
        from nrm.exchange.anonymised import counts_path, export_anonymised

        out: Path = options["out"]
        release = export_anonymised(actor=None, period=period, k=options["k"])
        out.write_bytes(release.csv)
        counts = counts_path(out)
        counts.write_bytes(release.counts_csv)
        for line in release.report_lines():
            self.stdout.write(line)
        self.stdout.write(f"Wrote {out} and {counts}.")

    def _opendata(self, period: Period, options: dict[str, Any]) -> None:
        from nrm.exchange.opendata import export_opendata

        out: Path = options["out"]
        bundle = export_opendata(actor=None, period=period)
        if out.suffix.lower() == ".zip":
            out.write_bytes(bundle.zip())
        else:
            bundle.write_to(out)
        self.stdout.write(
            f"Wrote the open data of {_span(period)} ({bundle.rows} figures, "
            f"{bundle.suppressed} suppressed) to {out}."
        )


def _span(period: Period) -> str:
    return period.name or f"{period.start.isoformat()}..{period.end.isoformat()}"
