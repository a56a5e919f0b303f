"""What every file import shares: problems named by row and column, and the `nrm import` hook.

An app offers an import by naming an `Importer` on its AppConfig (`importers = {"victims":
"nrm.cases.importers.VICTIMS"}`); `nrm import <name> ...` then finds it through the registry, so
that no central file learns every format. Imports check every row first and write all rows or
none: a failed import raises ImportFailed with every problem it found.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from tqdm import tqdm

# Below this many rows a progress bar is only noise.
PROGRESS_FROM_ROWS = 500

Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.message}"


class ImportFailed(Exception):
    """The file has problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.row, p.column))


def no_progress(items: Iterable[Any], total: int, label: str) -> Iterable[Any]:
    return items


def progress_bar(items: Iterable[Any], total: int, label: str) -> Iterable[Any]:
    """A progress bar on standard error (stdout stays clean), for large files only."""
    return tqdm(
        items,
        total=total,
        desc=label,
        unit="row",
        disable=total < PROGRESS_FROM_ROWS,
        file=sys.stderr,
    )


class Output(Protocol):
    def write(self, msg: str = "", style_func: Any = None, ending: str | None = None) -> None: ...


class Importer(Protocol):
    """One format of `nrm import`: its options, and what running it prints.

    `run` raises ImportFailed (the command prints each problem and exits with status 2) or
    returns the lines to print on standard output; warnings go to `err`.
    """

    help: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, options: dict[str, Any], *, err: Output, progress: Progress) -> list[str]: ...
