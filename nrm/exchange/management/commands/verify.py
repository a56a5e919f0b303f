"""`nrm verify anonymised FILE --k 11`: is a release k-anonymous over its quasi-identifiers?"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nrm.exchange.anonymised import DEFAULT_K, QUASI_IDENTIFIERS, verify


class Command(BaseCommand):
    help = "Check a release: every combination of quasi-identifiers occurs at least k times."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True)
        anonymised = sub.add_parser("anonymised", help="a release of `nrm export anonymised`")
        anonymised.add_argument("file", type=Path, help="the release (.csv)")
        anonymised.add_argument("--k", type=int, default=DEFAULT_K, help="default 11")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file", returncode=2)
        k: int = options["k"]
        result = verify(path.read_bytes(), k)
        if result.missing_columns:
            raise CommandError(
                f"{path.name}: not a release: missing column(s) "
                f"{', '.join(result.missing_columns)}",
                returncode=2,
            )
        self.stdout.write(
            f"{result.rows} row(s) in {result.groups} group(s) over "
            f"{len(QUASI_IDENTIFIERS)} quasi-identifiers; smallest group: {result.smallest}."
        )
        if result.passed:
            self.stdout.write(f"OK: every group has at least {k} rows.")
            return
        for values, n in result.below[:20]:
            shown = ", ".join(f"{c}={v}" for c, v in values.items() if v not in ("-99", "0"))
            self.stderr.write(f"{n} row(s): {shown}")
        raise CommandError(
            f"{len(result.below)} group(s) have fewer than {k} rows: not {k}-anonymous.",
            returncode=1,
        )
