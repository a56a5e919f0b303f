"""Throughput of the screening evaluation API against a trivial JSON endpoint (/health/), both
served by `nrm serve` (gunicorn, 2 workers x 4 threads) on the demo database.

The load comes from `wrk` when it is installed (`apt-get install wrk`), otherwise from a small
threaded Python client (which is slower than the server, so its figures are lower bounds).
Only the loopback address is used; every run is bounded in time and stops by itself.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench import targets

HOST = "127.0.0.1"
SECONDS = 5
WARMUP_SECONDS = 1
CONNECTIONS = 8
EVALUATE = "/api/v1/screenings/evaluate"
HEALTH = "/health/"
# An adult labour screening that ends in "trafficking" (nrm/screening/tests/conftest.py).
ANSWERS = {
    "d1_deceived_job_type_place_employer": "yes",
    "d1_deceived_wages": "yes",
    "d4_excessive_hours": "yes",
    "d4_low_or_no_pay": "yes",
    "d5_documents_confiscated": "yes",
    "d5_debt_bondage": "yes",
}
BODY = json.dumps({"instrument": "ilo-ec-delphi-2009", "set": "adult_labour", "answers": ANSWERS})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _get(port: int, path: str) -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


def _post(port: int, path: str, token: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("POST", path, BODY, _headers(token))
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _headers(token: str) -> dict[str, str]:
    return {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}


class Server:
    """`nrm serve` in its own process group, stopped by its process id."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        self.log = tempfile.TemporaryFile()  # noqa: SIM115  (kept open while it serves)
        self.process = subprocess.Popen(
            targets.nrm_command(
                "serve", "--host", HOST, "--port", str(self.port), "--workers", "2"
            ),
            env=env,
            cwd=targets.ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout_s: float = 90) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if _get(self.port, HEALTH) == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.log.seek(0)
        raise RuntimeError(
            f"nrm serve did not answer: {self.log.read()[-2000:].decode(errors='replace')}"
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


# Load generators ----------------------------------------------------------------------------


def wrk_rps(port: int, path: str, seconds: int, token: str | None) -> tuple[float, int]:
    """(requests per second, responses that were not 2xx/3xx) measured by wrk."""
    argv = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s"]
    with tempfile.TemporaryDirectory() as directory:
        if token is not None:
            script = Path(directory) / "post.lua"
            script.write_text(
                'wrk.method = "POST"\n'
                f"wrk.body = {json.dumps(BODY)}\n"
                'wrk.headers["Content-Type"] = "application/json"\n'
                f'wrk.headers["Authorization"] = "Bearer {token}"\n'
            )
            argv += ["-s", str(script)]
        argv.append(f"http://{HOST}:{port}{path}")
        output = subprocess.run(
            argv, capture_output=True, text=True, timeout=seconds + 60, check=True
        ).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> tuple[float, int]:
    rate = re.search(r"Requests/sec:\s*([\d.]+)", output)
    if rate is None:
        raise RuntimeError(f"wrk printed no rate: {output[-500:]}")
    bad = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    return float(rate[1]), int(bad[1]) if bad else 0


def python_rps(port: int, path: str, seconds: int, token: str | None) -> tuple[float, int]:
    """The same with CONNECTIONS threads, each on its own keep-alive connection."""
    stop_at = time.monotonic() + seconds
    counts = [0] * CONNECTIONS
    errors = [0] * CONNECTIONS

    def load(index: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        while time.monotonic() < stop_at:
            try:
                if token is None:
                    conn.request("GET", path)
                else:
                    conn.request("POST", path, BODY, _headers(token))
                response = conn.getresponse()
                response.read()
                counts[index] += 1
                errors[index] += int(response.status >= 400)
            except OSError:
                errors[index] += 1
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
        conn.close()

    threads = [threading.Thread(target=load, args=(i,)) for i in range(CONNECTIONS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started), sum(errors)


def run(metrics: dict[str, float], *, env: dict[str, str], token: str) -> dict[str, Any]:
    tool = "wrk" if shutil.which("wrk") else "python"
    measure = wrk_rps if tool == "wrk" else python_rps
    server = Server(env)
    try:
        server.wait_ready()
        status, content = _post(server.port, EVALUATE, token)
        if status != 200:
            raise RuntimeError(f"POST {EVALUATE}: {status} {content[:300]!r}")
        results = {}
        for name, path, auth in (("health", HEALTH, None), ("evaluate", EVALUATE, token)):
            measure(server.port, path, WARMUP_SECONDS, auth)
            results[name] = measure(server.port, path, SECONDS, auth)
    finally:
        server.stop()
    metrics["screening.health_rps"] = results["health"][0]
    metrics["screening.evaluate_rps"] = results["evaluate"][0]
    metrics["screening.ratio"] = results["evaluate"][0] / results["health"][0]
    return {
        "tool": f"{tool} -t2 -c{CONNECTIONS} -d{SECONDS}s"
        if tool == "wrk"
        else f"python client, {CONNECTIONS} threads, {SECONDS} s",
        "server": "nrm serve: gunicorn, 2 workers x 4 threads",
        "errors": {name: errors for name, (_rps, errors) in results.items()},
    }
