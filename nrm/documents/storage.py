"""Encrypted files in NRM_DOCUMENTS_DIR: random names, Fernet-encrypted content."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings

from nrm.core.crypto import decrypt_bytes, encrypt_bytes


def _directory() -> Path:
    directory = Path(settings.NRM_DOCUMENTS_DIR)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    return directory


def _path(name: str) -> Path:
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError("not a stored document's name")
    return _directory() / name


def store(data: bytes) -> str:
    """Encrypt and write `data`; returns the random name it is stored under."""
    name = secrets.token_hex(20)
    path = _path(name)
    temporary = path.with_suffix(".part")
    with open(temporary, "wb") as handle:
        handle.write(encrypt_bytes(data))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    return name


def load(name: str) -> bytes:
    return decrypt_bytes(_path(name).read_bytes())


def remove(name: str) -> None:
    _path(name).unlink(missing_ok=True)


def stored_bytes(name: str) -> bytes:
    """The bytes on disk, as they are (for tests and checks: they are encrypted)."""
    return _path(name).read_bytes()
