"""Encryption of personal data at rest and keyed blind indexes for equality look-ups.

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256). `NRM_ENCRYPTION_KEYS` lists keys
newest first: new values use the first, every key still decrypts, and `nrm rotate_keys`
re-encrypts stored values with the newest. A blind index is an HMAC of a normalised value under a
separate key: equal inputs give equal digests, so duplicates can be found across organisations
without decrypting or revealing anything.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from nrm.core.transliterate import cyrillic_to_latin


class DecryptionError(Exception):
    """A stored value cannot be decrypted with any configured key."""


@lru_cache(maxsize=4)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("NRM_ENCRYPTION_KEYS is empty: at least one key is required")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "NRM_ENCRYPTION_KEYS: each key must be 32 url-safe base64-encoded bytes "
            "(generate one with `nrm generate_key`)"
        ) from exc


def _fernet() -> MultiFernet:
    return _fernet_for(tuple(settings.NRM_ENCRYPTION_KEYS))


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise DecryptionError(
            "A stored value cannot be decrypted: NRM_ENCRYPTION_KEYS lacks the key it was "
            "written with"
        ) from exc


def encrypt_bytes(data: bytes) -> bytes:
    """A file's content encrypted (documents at rest); the result is a Fernet token."""
    return _fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return _fernet().decrypt(token)
    except InvalidToken as exc:
        raise DecryptionError(
            "A stored file cannot be decrypted: NRM_ENCRYPTION_KEYS lacks the key it was "
            "written with"
        ) from exc


def reencrypt(token: str) -> str:
    """The same plaintext encrypted under the newest key (for key rotation)."""
    return _fernet().rotate(token.encode("ascii")).decode("ascii")


def is_ciphertext(value: str) -> bool:
    try:
        decrypt(value)
    except (DecryptionError, UnicodeEncodeError):
        return False
    return True


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


def normalise_for_matching(value: str) -> str:
    """Fold script, case, diacritics and spacing, so 'Đurić  Ana' matches 'djuric ana'."""
    if value.isascii():  # no script, no diacritics: the same result, far sooner (imports)
        return " ".join(value.casefold().split())
    text = cyrillic_to_latin(value).replace("đ", "dj").replace("Đ", "Dj")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def blind_index(*parts: str, purpose: str) -> str:
    """Keyed digest of the normalised parts; `purpose` separates indexes of different fields."""
    key = settings.NRM_BLIND_INDEX_KEY.encode("utf-8")
    message = "\x1f".join([purpose, *(normalise_for_matching(p) for p in parts)])
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()
