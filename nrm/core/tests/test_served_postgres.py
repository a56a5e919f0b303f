"""Beyond one process: two `nrm serve` processes on one PostgreSQL database, written to at the
same time, give the same figures, and the figures count every write once (docs/deployment.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from nrm.testing.servers import NRM, installation_env, postgres_database, served_installation

pytestmark = pytest.mark.postgres

WRITERS = 8  # concurrent clients, half on each server
CASES_EACH = 6
ACCOUNTS = """
from nrm.accounts.services import token_create
from nrm.core.roles import Role
from nrm.core.vocabularies import OrganisationType
from nrm.testing.factories import make_organisation, make_user

police = make_organisation("Test Police Agency", OrganisationType.POLICE_AGENCY)
ministry = make_organisation("Test Ministry of Security", OrganisationType.MINISTRY)
for user in (
    make_user("t_field", police, Role.FIELD_IDENTIFIER),
    make_user("t_coordinator", ministry, Role.COORDINATOR),
):
    print("token", token_create(actor=None, user=user, name="test")[1])
"""


def call(url: str, token: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(  # noqa: S310 - a local test server
        url,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST" if body is not None else "GET",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:  # the server's reason, not only its status
        raise AssertionError(f"{url}: {error.code} {error.read().decode()}") from None


def test_two_servers_on_one_postgresql_count_concurrent_writes_once_and_alike(tmp_path):
    server_url = os.environ["DATABASE_URL"]
    with (
        postgres_database(server_url) as database_url,
        served_installation(tmp_path, processes=2, database_url=database_url) as servers,
    ):
        made = subprocess.run(  # noqa: S603
            [NRM, "shell", "-c", ACCOUNTS],
            env=installation_env(tmp_path, database_url),
            check=True,
            capture_output=True,
            text=True,
        )
        field_token, coordinator_token = [
            line.split()[1] for line in made.stdout.splitlines() if line.startswith("token ")
        ]

        def write(writer: int) -> list[str]:
            server = servers[writer % len(servers)]
            codes = []
            for number in range(CASES_EACH):
                status, case = call(
                    f"{server.url}/api/v1/cases",
                    field_token,
                    {
                        "identified_on": "2024-05-01",
                        "sex": ("female", "male")[(writer + number) % 2],
                        "exploitation": ["labour"],
                    },
                )
                assert status == 201
                codes.append(case["code"])
            return codes

        with ThreadPoolExecutor(WRITERS) as pool:
            codes = [code for batch in pool.map(write, range(WRITERS)) for code in batch]
        written = WRITERS * CASES_EACH
        assert len(set(codes)) == written  # every case its own code, none lost

        answers = [
            call(f"{s.url}/api/v1/statistics?from=2024-01-01&to=2024-12-31", coordinator_token)[1]
            for s in servers
        ]
        assert all("victims" in answer for answer in answers), answers
        victims = [answer["victims"] for answer in answers]
        assert victims[0] == victims[1]
        assert victims[0]["total"] == written
        assert victims[0]["by_sex"]["female"] + victims[0]["by_sex"]["male"] == written
        assert victims[0]["by_exploitation"]["labour"] == written
