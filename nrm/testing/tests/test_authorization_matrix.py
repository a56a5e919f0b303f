"""The authorization matrix (docs/permissions.md): every web URL and API operation, asked by
every role, a user without a role and an anonymous visitor, on real demo records of their own
organisation and of another one. The expected answers are docs/permissions-policy.toml."""

from __future__ import annotations

import time

import pytest

from nrm.accounts.models import User
from nrm.testing import matrix

POLICY = matrix.load_policy()
ENDPOINTS = matrix.web_endpoints() + matrix.api_endpoints()


def test_every_url_and_operation_has_a_policy_entry():
    missing = [f"{e.surface} {e.name}" for e in ENDPOINTS if e.name not in POLICY[e.surface]]
    assert missing == [], "add these to docs/permissions-policy.toml"


def test_the_policy_names_only_what_exists():
    names = {(e.surface, e.name) for e in ENDPOINTS}
    stale = [f"{s} {n}" for s in ("web", "api") for n in POLICY[s] if (s, n) not in names]
    assert stale == []


def test_every_object_in_the_policy_can_be_filled():
    kinds = {rule.object for rules in POLICY.values() for rule in rules.values()}
    assert kinds - {""} <= set(matrix.FILLERS)
    for endpoint in ENDPOINTS:
        rule = POLICY[endpoint.surface].get(endpoint.name)
        if rule is not None and endpoint.params:
            assert rule.object or set(endpoint.params) <= set(rule.args), endpoint.name


def test_an_endpoint_without_an_entry_is_caught(tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text('[web."cases:list"]\nget = "coordinator"\n', encoding="utf-8")
    rules = matrix.load_policy(policy)
    assert "cases:detail" not in rules["web"] and rules["web"]["cases:list"].get == {"coordinator"}
    policy.write_text('[web."cases:list"]\nget = "coordinater"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="coordinater"):
        matrix.load_policy(policy)


@pytest.mark.django_db
@pytest.mark.parametrize("surface", ["web", "api"])
@pytest.mark.parametrize("role", list(matrix.PERSONAS))
def test_the_matrix(demo, role, surface):
    username = matrix.PERSONAS[role]
    user = User.objects.get(username=username) if username else None
    asker = matrix.Asker(role, user, matrix.api_schema())
    started = time.monotonic()
    probes = [
        probe
        for endpoint in ENDPOINTS
        if endpoint.surface == surface
        for probe in asker.ask(endpoint, POLICY[surface][endpoint.name])
    ]
    problems = [p for p in probes if p.problem()]
    failures = [p.line() for p in problems if not p.tolerable(POLICY[surface][p.endpoint.name])]
    known = len(problems) - len(failures)
    print(  # the figures of docs/permissions.md
        f"\nmatrix {surface} {role}: {len(probes)} requests, "
        f"{sum(p.success for p in probes)} 2xx, "
        f"{sum(p.success and not p.allowed for p in probes)} unexpected 2xx, "
        f"{known} pending, "
        f"{sum(p.method != 'get' and p.status == 422 for p in probes)} refused writes with 422, "
        f"{time.monotonic() - started:.1f} s"
    )
    for probe in sorted(probes, key=lambda p: -p.seconds)[:3]:
        print(f"  slow: {probe.seconds:.2f} s {probe.method.upper()} {probe.url}")
    for line in failures:
        print("  problem:", line)
    assert failures == []
