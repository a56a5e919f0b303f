"""Backups that restore: the encrypted format, and the full drill on this test run's database
(SQLite in the first pass of make test, PostgreSQL in the second)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from nrm.accounts.demo import load_demo as load_accounts
from nrm.cases.demo import load_demo as load_cases
from nrm.cases.models import Person
from nrm.lifecycle import backup
from nrm.lifecycle.backup import BackupError

PG_SERVER = os.environ.get("NRM_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def sealed(data: bytes) -> bytes:
    target = io.BytesIO()
    backup.encrypt_stream(io.BytesIO(data), target)
    return target.getvalue()


def opened(data: bytes) -> bytes:
    target = io.BytesIO()
    backup.decrypt_stream(io.BytesIO(data), target, "test")
    return target.getvalue()


def test_a_file_round_trips_through_several_chunks(monkeypatch):
    monkeypatch.setattr(backup, "CHUNK", 1000)
    data = os.urandom(4500)
    encrypted = sealed(data)
    assert data not in encrypted
    assert opened(encrypted) == data
    assert opened(sealed(b"")) == b""


def test_a_truncated_reordered_or_altered_file_is_refused(monkeypatch):
    monkeypatch.setattr(backup, "CHUNK", 1000)
    encrypted = sealed(os.urandom(2500))
    chunk = 4 + 12 + 1000 + 16
    header = len(backup.MAGIC) + 16
    with pytest.raises(BackupError, match="truncated"):
        opened(encrypted[: header + 2 * chunk])  # the last chunk dropped
    swapped = encrypted[:header] + encrypted[header + chunk : header + 2 * chunk]
    swapped += encrypted[header : header + chunk] + encrypted[header + 2 * chunk :]
    with pytest.raises(BackupError, match="chunk 0 does not decrypt"):
        opened(swapped)
    altered = bytearray(encrypted)
    altered[-5] ^= 1
    with pytest.raises(BackupError, match="does not decrypt"):
        opened(bytes(altered))


def test_another_key_cannot_open_a_backup(settings):
    encrypted = sealed(b"register")
    settings.NRM_BACKUP_KEY = "A" * 43 + "="
    with pytest.raises(BackupError, match="another NRM_BACKUP_KEY"):
        opened(encrypted)


def stats_json(env: dict[str, str] | None = None) -> dict:
    arguments = ["stats", "--from", "2024-01-01", "--to", "2024-12-31"]
    if env is None:
        out = io.StringIO()
        call_command(*arguments, stdout=out)
        return json.loads(out.getvalue())
    result = nrm(env, *arguments)
    return json.loads(result.stdout)


def nrm(env: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "nrm.cli", *arguments]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    assert result.returncode == 0, result.stderr
    return result


SAMPLE = (
    "import django, json; django.setup(); from nrm.cases.models import Person; "
    "print(json.dumps([[p.pk, p.first_name, p.last_name, str(p.birth_date)] "
    "for p in Person.objects.order_by('pk')[:10]]))"
)


@pytest.fixture
def empty_database(tmp_path):
    """A new, empty database of the same kind as this run's, for the restore."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    name = f"nrm_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_SERVER, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_SERVER.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(PG_SERVER, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_the_drill_backup_then_restore_into_an_empty_database(tmp_path, empty_database):
    load_accounts()
    load_cases()
    before = stats_json()
    sample = [
        [p.pk, p.first_name, p.last_name, str(p.birth_date)]
        for p in Person.objects.order_by("pk")[:10]
    ]
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "consent.bin").write_bytes(b"encrypted document bytes")

    target = tmp_path / "backup"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.conf.settings.NRM_DOCUMENTS_DIR", documents)
        out = io.StringIO()
        call_command("backup", "--out", str(target), stdout=out)
    assert "needs the backup key" in out.getvalue()
    raw = (target / backup.DATABASE_FILE[connection.vendor]).read_bytes()
    assert str(sample[0][2]).encode() not in raw  # the backup itself is encrypted

    restored_documents = tmp_path / "restored-documents"
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "NRM_ENV": "test",
        "NRM_VAR_DIR": str(tmp_path / "var"),
        "NRM_DOCUMENTS_DIR": str(restored_documents),
        "DATABASE_URL": empty_database,
    }
    report = nrm(env, "restore", str(target)).stdout
    assert "row counts match" in report
    assert stats_json(env) == before
    printed = nrm(env, "shell", "-c", SAMPLE).stdout.strip().splitlines()[-1]
    assert json.loads(printed) == sample
    assert (restored_documents / "consent.bin").read_bytes() == b"encrypted document bytes"

    refused = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "nrm.cli", "restore", str(target)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert refused.returncode == 2 and "not empty" in refused.stderr


def test_a_damaged_backup_is_refused_before_anything_is_restored(tmp_path, transactional_db):
    target = tmp_path / "backup"
    call_command("backup", "--out", str(target), stdout=io.StringIO())
    damaged = target / backup.DATABASE_FILE[connection.vendor]
    damaged.write_bytes(damaged.read_bytes()[:-1])
    with pytest.raises(BackupError, match="checksum differs"):
        backup.verify(target)
    (target / backup.MANIFEST).unlink()
    with pytest.raises(BackupError, match=r"no manifest\.json"):
        backup.verify(target)


def test_a_backup_is_written_only_into_an_empty_directory(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "file").write_text("x")
    with pytest.raises(BackupError, match="not empty"):
        backup.backup(Path(tmp_path / "old"))
