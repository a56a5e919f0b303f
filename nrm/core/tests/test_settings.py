"""Production settings: `nrm check --deploy` passes, and missing secrets fail loudly."""

import os
import subprocess
import sys

import pytest

from nrm.core.crypto import generate_key

pytestmark = pytest.mark.one_database

PRODUCTION_ENV = {
    "NRM_ENV": "production",
    "NRM_SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-" + "y" * 20,
    "NRM_ENCRYPTION_KEYS": generate_key(),
    "NRM_BLIND_INDEX_KEY": generate_key(),
    "NRM_ALLOWED_HOSTS": "nrm.example.org",
    "DATABASE_URL": "postgresql://nrm@127.0.0.1:5432/nrm",
}


def run_nrm(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    inherited = ("NRM_", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(inherited)}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "nrm.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_deploy_check_passes_without_warnings():
    result = run_nrm("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secrets_stop_production_with_the_variable_name():
    for name in (
        "NRM_SECRET_KEY",
        "NRM_ENCRYPTION_KEYS",
        "NRM_BLIND_INDEX_KEY",
        "NRM_ALLOWED_HOSTS",
    ):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != name}
        result = run_nrm("check", env=env)
        assert result.returncode != 0
        assert f"{name} (or {name}_FILE) must be set" in result.stderr


def test_secrets_can_come_from_files(tmp_path):
    key_file = tmp_path / "keys"
    key_file.write_text(PRODUCTION_ENV["NRM_ENCRYPTION_KEYS"])
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "NRM_ENCRYPTION_KEYS"}
    env["NRM_ENCRYPTION_KEYS_FILE"] = str(key_file)
    result = run_nrm("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr


def test_debug_is_refused_in_production():
    result = run_nrm("check", env={**PRODUCTION_ENV, "NRM_DEBUG": "true"})
    assert result.returncode != 0
    assert "NRM_DEBUG must be false" in result.stderr
