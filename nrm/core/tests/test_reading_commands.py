"""The commands that only read start without Django's system checks (they import every URL,
view and the API's schema: about a second of each command's start)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.core.management import load_command_class
from django.core.management.base import BaseCommand
from django.db import connection

from nrm.core.commands import ReadingCommand

pytestmark = pytest.mark.one_database

READING = {
    "stats": "nrm.statistics",
    "quality": "nrm.statistics",
    "bulletin": "nrm.bulletin",
    "screen": "nrm.screening",
}


def run_as_the_command_line(app: str, name: str, arguments: list[str]) -> None:
    """What `nrm <name> ...` does, short of closing the test's database connection."""
    command = load_command_class(app, name)
    options = command.create_parser("nrm", name).parse_args(arguments)
    command.execute(*options.__dict__.pop("args", ()), **vars(options))


@pytest.mark.parametrize("name", sorted(READING))
def test_each_reading_command_is_one(name):
    assert isinstance(load_command_class(READING[name], name), ReadingCommand)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("stats", ["--from", "2024-01-01", "--to", "2024-12-31"]),
        ("quality", ["--period", "2024-H2"]),
    ],
)
def test_a_reading_command_runs_without_the_system_checks(name, arguments, monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise AssertionError("the system checks ran")

    monkeypatch.setattr(BaseCommand, "check", refuse)
    run_as_the_command_line(READING[name], name, arguments)
    assert json.loads(capsys.readouterr().out)


@pytest.mark.django_db
def test_an_import_runs_without_the_system_checks(monkeypatch, orgs, tmp_path, capsys):
    """An import changes records, not the installation; its rows are checked by the importer
    (the checks were a fifth of a 20,000-row import)."""
    register = tmp_path / "register.csv"
    register.write_text(
        "identified_on,status,sex,age,citizenship,exploitation\n2024-03-01,potential,female,30,BA,labour\n"
    )

    def refuse(*args, **kwargs):
        raise AssertionError("the system checks ran")

    monkeypatch.setattr(BaseCommand, "check", refuse)
    arguments = ["victims", str(register), "--organisation", orgs.police.name, "--dry-run"]
    run_as_the_command_line("nrm.core", "import", arguments)
    assert "1 row(s) are valid" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_command_that_changes_the_installation_still_checks(monkeypatch, personas, capsys):
    checked = []
    monkeypatch.setattr(BaseCommand, "check", lambda self, **kwargs: checked.append(True))
    run_as_the_command_line("nrm.accounts", "token", ["list", personas.coordinator.username])
    assert checked == [True]


HEAVY = ("matplotlib", "weasyprint", "openpyxl", "docx")
RUNNER = """
import contextlib, io, json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nrm.settings")
from nrm.cli import main
sys.argv = ["nrm", *sys.argv[1:]]
try:
    with contextlib.redirect_stdout(io.StringIO()):
        main()
except SystemExit as exit:
    assert not exit.code, exit.code
print(json.dumps(sorted(name for name in {heavy!r} if name in sys.modules)))
"""


@pytest.fixture
def database_url(tmp_path, db):
    """This run's database, as a URL for a command run as a separate process (SQLite: a file
    copy of the in-memory test database)."""
    connection.ensure_connection()
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user, host, port = settings["USER"], settings["HOST"], settings["PORT"]
        return f"postgresql://{user}@{host}:{port}/{settings['NAME']}"
    # Written out statement by statement: the backup API waits for the test's transaction.
    path = tmp_path / "copy.sqlite3"
    target = sqlite3.connect(path)
    target.executescript(";\n".join(connection.connection.iterdump()))
    target.close()
    return f"sqlite:///{path}"


@pytest.mark.parametrize(
    ("arguments", "needed"),
    [
        (["stats", "--from", "2024-01-01", "--to", "2024-12-31"], set()),
        (["quality", "--period", "2024-H2"], set()),
        (["screen", "--help"], set()),
        (["bulletin", "--help"], set()),
        (["bulletin", "--period", "2024-H2", "--format", "html"], {"matplotlib"}),
        (["bulletin", "--period", "2024-H2", "--format", "docx"], {"matplotlib", "docx"}),
        (["bulletin", "--period", "2024-H2", "--format", "pdf"], {"matplotlib", "weasyprint"}),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_a_reading_command_imports_only_the_libraries_its_output_needs(
    arguments, needed, database_url, tmp_path
):
    """Charts (matplotlib) only in a bulletin, PDF (WeasyPrint) and Word (python-docx) only in
    their format, spreadsheets (openpyxl) never: each costs a fraction of a second at start."""
    if arguments[0] == "bulletin" and "--period" in arguments:
        arguments = [*arguments, "--out", str(tmp_path / f"bulletin.{arguments[-1]}")]
    env = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": database_url,
        "NRM_ENV": "test",
        "NRM_VAR_DIR": str(tmp_path),
    }
    command = [sys.executable, "-c", RUNNER.format(heavy=HEAVY), *arguments]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr
    imported = set(json.loads(done.stdout.splitlines()[-1]))
    assert imported <= needed, f"nrm {' '.join(arguments)} imported {imported - needed}"
