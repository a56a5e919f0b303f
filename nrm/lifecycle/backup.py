"""Backups that restore: `nrm backup` and `nrm restore` (docs/retention.md).

A backup is a directory: the database (pg_dump's custom format for PostgreSQL, SQLite's online
backup API for SQLite) and the uploaded documents (a tar), each encrypted with NRM_BACKUP_KEY,
and a manifest with their checksums and every table's row count. `restore` refuses a damaged or
incomplete backup before touching anything, restores into an empty installation only, and then
checks the row counts.

Files are encrypted in chunks with AES-256-GCM (cryptography), so a database of any size
streams through in constant memory; each chunk's number and a last-chunk flag are
authenticated, so reordered, dropped or truncated chunks are detected.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import connection

from nrm.core.errors import ValidationError

MAGIC = b"NRMBACKUP1\n"
CHUNK = 1 << 20
MANIFEST = "manifest.json"
DATABASE_FILE = {"postgresql": "database.pgdump.enc", "sqlite": "database.sqlite3.enc"}
DOCUMENTS_FILE = "documents.tar.enc"


class BackupError(ValidationError):
    """A backup that cannot be written or restored, with what is wrong."""

    def __init__(self, message: str) -> None:
        super().__init__(message, fields={"backup": [message]})


# --- encryption ------------------------------------------------------------------------------


def _key() -> bytes:
    if not settings.NRM_BACKUP_KEY:
        raise BackupError(
            "NRM_BACKUP_KEY is not set: generate one with `nrm generate_key` and keep it apart "
            "from the backups (docs/retention.md)"
        )
    try:
        key = base64.urlsafe_b64decode(settings.NRM_BACKUP_KEY)
    except ValueError as exc:
        raise BackupError("NRM_BACKUP_KEY is not base64") from exc
    if len(key) != 32:
        raise BackupError("NRM_BACKUP_KEY must be 32 url-safe base64-encoded bytes")
    return key


def key_fingerprint() -> str:
    """Names the key a backup needs, without revealing it."""
    return hashlib.sha256(b"nrm-backup:" + _key()).hexdigest()[:16]


def _aad(file_id: bytes, index: int, last: bool) -> bytes:
    return file_id + index.to_bytes(8, "big") + (b"\x01" if last else b"\x00")


def encrypt_stream(source: BinaryIO, target: BinaryIO) -> None:
    aes, file_id = AESGCM(_key()), os.urandom(16)
    target.write(MAGIC + file_id)
    index, chunk = 0, source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        nonce = os.urandom(12)
        sealed = aes.encrypt(nonce, chunk, _aad(file_id, index, last))
        target.write(len(sealed).to_bytes(4, "big") + nonce + sealed)
        if last:
            return
        index, chunk = index + 1, following


def decrypt_stream(source: BinaryIO, target: BinaryIO, name: str) -> None:
    aes = AESGCM(_key())
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupError(f"{name}: not an NRM backup file")
    file_id, index = source.read(16), 0
    while True:
        header = source.read(4)
        if len(header) < 4:
            raise BackupError(f"{name}: the file is truncated (no last chunk)")
        sealed_length = int.from_bytes(header, "big")
        nonce, sealed = source.read(12), source.read(sealed_length)
        for last in (False, True):
            try:
                target.write(aes.decrypt(nonce, sealed, _aad(file_id, index, last)))
                break
            except InvalidTag:
                continue
        else:
            raise BackupError(
                f"{name}: chunk {index} does not decrypt (another NRM_BACKUP_KEY, or damaged)"
            )
        if last:
            if source.read(1):
                raise BackupError(f"{name}: data after the last chunk")
            return
        index += 1


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


# --- what is in the database -----------------------------------------------------------------


def vendor() -> str:
    if connection.vendor not in DATABASE_FILE:
        raise BackupError(f"backups of a {connection.vendor} database are not supported")
    return connection.vendor


def row_counts() -> dict[str, int]:
    """Every table's row count: the restore must find the same."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore from Django's settings (password by env)."""
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed (PostgreSQL client tools are needed)")
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()[:500]}")


# --- backup ----------------------------------------------------------------------------------


def backup(target: Path) -> dict[str, Any]:
    """Write a backup into the new directory `target`; returns the manifest."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target}: the directory is not empty")
    target.mkdir(parents=True, exist_ok=True)
    kind = vendor()
    counts = row_counts()
    files: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as work:
        plain = Path(work) / "database"
        _dump_database(kind, plain)
        files[DATABASE_FILE[kind]] = _seal(plain, target / DATABASE_FILE[kind])
        documents = Path(settings.NRM_DOCUMENTS_DIR)
        if documents.is_dir():
            archive = Path(work) / "documents.tar"
            with tarfile.open(archive, "w") as tar:
                tar.add(documents, arcname=".")
            files[DOCUMENTS_FILE] = _seal(archive, target / DOCUMENTS_FILE)
    manifest = {
        "format": 1,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": kind,
        "key_fingerprint": key_fingerprint(),
        "files": files,
        "row_counts": counts,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def _dump_database(kind: str, plain: Path) -> None:
    if kind == "postgresql":
        args, env = _pg_env()
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(plain),
                *args,
            ],
            env,
        )
        return
    connection.ensure_connection()
    with sqlite3.connect(plain) as copy:
        connection.connection.backup(copy)  # consistent while others write
    copy.close()


def _seal(plain: Path, sealed: Path) -> dict[str, Any]:
    with plain.open("rb") as source, sealed.open("wb") as target:
        encrypt_stream(source, target)
    return {"sha256": sha256(sealed), "bytes": sealed.stat().st_size}


# --- restore ---------------------------------------------------------------------------------


def read_manifest(source: Path) -> dict[str, Any]:
    path = source / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source}: no {MANIFEST} (not a backup directory)")
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise BackupError(f"{MANIFEST}: not valid JSON ({exc})") from exc
    return manifest


def verify(source: Path) -> dict[str, Any]:
    """The manifest, once every file's checksum matches and the key is the backup's."""
    manifest = read_manifest(source)
    if manifest.get("key_fingerprint") != key_fingerprint():
        raise BackupError("NRM_BACKUP_KEY is not the key this backup was made with")
    for name, expected in manifest.get("files", {}).items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"{name}: missing from the backup")
        if sha256(path) != expected["sha256"]:
            raise BackupError(f"{name}: checksum differs from the manifest (damaged)")
    return manifest


def restore(source: Path) -> dict[str, Any]:
    """Restore a verified backup into this empty installation; returns the manifest."""
    manifest = verify(source)
    kind = vendor()
    if manifest["database"] != kind:
        raise BackupError(f"the backup is of a {manifest['database']} database, this is {kind}")
    if _has_tables():
        raise BackupError("the database is not empty: restore into a new, empty database")
    documents = Path(settings.NRM_DOCUMENTS_DIR)
    if documents.is_dir() and any(documents.iterdir()):
        raise BackupError(f"{documents}: the documents directory is not empty")
    with tempfile.TemporaryDirectory() as work:
        plain = Path(work) / "database"
        _open(source / DATABASE_FILE[kind], plain)
        _load_database(kind, plain)
        if DOCUMENTS_FILE in manifest["files"]:
            archive = Path(work) / "documents.tar"
            _open(source / DOCUMENTS_FILE, archive)
            documents.mkdir(parents=True, exist_ok=True)
            with tarfile.open(archive) as tar:
                tar.extractall(documents, filter="data")
    counts = row_counts()
    differ = {
        t: (n, counts.get(t)) for t, n in manifest["row_counts"].items() if counts.get(t) != n
    }
    if differ:
        raise BackupError(f"row counts differ after the restore (table: expected, found): {differ}")
    return manifest


def _has_tables() -> bool:
    with connection.cursor() as cursor:
        return bool(connection.introspection.table_names(cursor))


def _open(sealed: Path, plain: Path) -> None:
    with sealed.open("rb") as source, plain.open("wb") as target:
        decrypt_stream(source, target, sealed.name)


def _load_database(kind: str, plain: Path) -> None:
    if kind == "postgresql":
        args, env = _pg_env()
        _run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args, str(plain)],
            env,
        )
        return
    connection.ensure_connection()
    with sqlite3.connect(plain) as copy:
        copy.backup(connection.connection)
    copy.close()
