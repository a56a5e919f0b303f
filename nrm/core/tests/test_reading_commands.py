"""The commands that only read start without Django's system checks (they import every URL,
view and the API's schema: about a second of each command's start)."""

from __future__ import annotations

import json

import pytest
from django.core.management import load_command_class
from django.core.management.base import BaseCommand

from nrm.core.commands import ReadingCommand

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
def test_a_command_that_changes_the_installation_still_checks(monkeypatch, personas, capsys):
    checked = []
    monkeypatch.setattr(BaseCommand, "check", lambda self, **kwargs: checked.append(True))
    run_as_the_command_line("nrm.accounts", "token", ["list", personas.coordinator.username])
    assert checked == [True]
