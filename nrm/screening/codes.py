"""Random references and follow-up codes.

References (S-7KQ2M9 for a screening, R-… for a report) name a record without revealing how many
there are or when they were made. A follow-up code is a reporter's only key to their report:
16 random characters (80 bits) from Crockford's alphabet, shown once, stored as a digest.
"""

from __future__ import annotations

import hashlib
import secrets

# Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand survives.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = {"O": "0", "I": "1", "L": "1"}
CODE_LENGTH = 16
REFERENCE_LENGTH = 6


def random_chars(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_reference(prefix: str) -> str:
    return f"{prefix}-{random_chars(REFERENCE_LENGTH)}"


def new_follow_up_code() -> str:
    """E.g. 'K7QF-3M9X-PL2D-8WTR'."""
    raw = random_chars(CODE_LENGTH)
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(code: str) -> str:
    """Upper case, without spaces or dashes, with look-alike letters read as digits."""
    text = "".join(ch for ch in code.upper() if ch.isalnum())
    return "".join(_READ_AS.get(ch, ch) for ch in text)


def is_well_formed(code: str) -> bool:
    text = normalise_code(code)
    return len(text) == CODE_LENGTH and all(ch in ALPHABET for ch in text)


def code_digest(code: str) -> str:
    """The stored form of a follow-up code. 80 random bits need no slow hash or salt."""
    return hashlib.sha256(normalise_code(code).encode("ascii", "ignore")).hexdigest()
