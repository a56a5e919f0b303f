"""The `nrm` process's collector settings: a command runs with fewer cycle searches and skips
the one at exit."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from nrm.cli import COLLECT_AFTER

pytestmark = pytest.mark.one_database

PROBE = """
import atexit, gc, json, sys
atexit.register(lambda: print(json.dumps({"atexit": True}), flush=True))
from nrm.cli import main
sys.argv = ["nrm", "help"]
try:
    main()
finally:
    print(json.dumps({"threshold": gc.get_threshold()[0], "frozen": gc.get_freeze_count()}))
"""


def test_a_command_collects_less_often_and_not_at_exit() -> None:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    )
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines[0]["threshold"] == COLLECT_AFTER
    assert lines[0]["frozen"] > 10_000, "the objects left at the end are not searched again"
    assert lines[1] == {"atexit": True}, "atexit handlers still run"
    assert "Available subcommands" in done.stdout
