"""Run a command and write its wall time and its own peak memory as JSON:
`python -m bench.launch REPORT.json COMMAND ARGS...`.

Why a launcher: Linux counts, in a child's maximum resident set size, the memory of the
process it was forked from as it was at the exec. Started straight from the measuring process
(hundreds of MB after a statistics part), every command would seem to need that much; started
from this small process, a command's peak is its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    report, argv = Path(sys.argv[1]), sys.argv[2:]
    started = time.perf_counter()
    process = subprocess.Popen(argv)  # its output goes where this process's goes
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code
    report.write_text(
        json.dumps({"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, "returncode": code})
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
