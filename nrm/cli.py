"""The `nrm` command: every Django management command plus the project's own."""

from __future__ import annotations

import gc
import os
import sys

# A command is one run that builds large structures and ends (a bulletin's layout holds a
# quarter of a million objects). With Python's default threshold (700 allocations) the cycle
# collector searched them again and again, a tenth of the bulletin's time; `nrm serve` replaces
# this process with gunicorn, which keeps the default.
COLLECT_AFTER = 10_000


def collect_cycles_less_often() -> None:
    """This process's collector runs every COLLECT_AFTER allocations (commands and tests)."""
    gc.set_threshold(COLLECT_AFTER, *gc.get_threshold()[1:])


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nrm.settings")
    from django.core.management import execute_from_command_line

    collect_cycles_less_often()
    try:
        execute_from_command_line(["nrm", *sys.argv[1:]])
    finally:
        # Python's finalisation searches every object for cycles again at exit (0.6 s after a
        # bulletin); the process's memory is returned when it ends. Objects in use are still
        # released and atexit handlers still run (open files are flushed and closed).
        gc.freeze()


if __name__ == "__main__":
    main()
