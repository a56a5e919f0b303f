"""`nrm screen`: score answers from a JSON file with an instrument's rules; nothing is stored."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from nrm.core.commands import ReadingCommand
from nrm.core.errors import ApplicationError
from nrm.screening import engine
from nrm.screening.definitions import DefinitionError
from nrm.screening.modules import apply_all
from nrm.screening.selectors import instrument_for_command


class AnswersFileError(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise AnswersFileError(f"{key} is answered twice")
        seen[key] = value
    return seen


def read_answers(path: str) -> Any:
    """The JSON object of a file ('-': standard input), or AnswersFileError saying why not."""
    name = "standard input" if path == "-" else path
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise AnswersFileError(f"cannot read {name}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise AnswersFileError(f"{name} is not UTF-8 text") from exc
    try:
        answers = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise AnswersFileError(
            f"{name} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    except AnswersFileError as exc:
        raise AnswersFileError(f"{name}: {exc}") from exc
    if not isinstance(answers, dict):
        raise AnswersFileError(
            f"{name} must hold a JSON object mapping indicator ids to yes, no or unknown"
        )
    return answers


class Command(ReadingCommand):
    help = (
        "Score a screening: answers (a JSON object of indicator id: yes, no or unknown) are "
        "scored with the instrument's rules and the result is printed as JSON. Nothing is "
        "stored. Exit status 0 with a result, 2 on bad input."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--instrument", required=True, help="e.g. ilo-ec-delphi-2009")
        parser.add_argument("--set", dest="set_id", required=True, help="e.g. adult_labour")
        parser.add_argument(
            "--answers", required=True, metavar="FILE", help="JSON file of answers ('-': stdin)"
        )
        parser.add_argument(
            "--modules",
            metavar="FILE",
            help="JSON file of question-module answers ({module: {question: yes/no/unknown}}); "
            "a yes counts as yes to the indicators the question evidences",
        )
        parser.add_argument(
            "--lang",
            default="en",
            choices=[code for code, _name in settings.LANGUAGES],
            help="language of the explanation and recommendation (default: en)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            answers = read_answers(options["answers"])
            instrument = instrument_for_command(options["instrument"])
            if options["modules"]:
                answers = apply_all(
                    instrument, options["set_id"], answers, read_answers(options["modules"])
                )
            evaluation = engine.evaluate(instrument, options["set_id"], answers)
            result = engine.result(evaluation, options["lang"])
        except AnswersFileError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        except (ApplicationError, DefinitionError) as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
