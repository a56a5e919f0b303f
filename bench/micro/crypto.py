"""Encryption and blind-index throughput: the per-record cost of personal data."""

from __future__ import annotations

from typing import Any

N = 10_000


def _names() -> list[str]:
    return [f"Testna Osoba {i}" for i in range(N)]


def _encrypt_all(names: list[str]) -> None:
    from nrm.core.crypto import encrypt

    for name in names:
        encrypt(name)


def _tokens() -> list[str]:
    from nrm.core.crypto import encrypt

    return [encrypt(name) for name in _names()]


def _decrypt_all(tokens: list[str]) -> None:
    from nrm.core.crypto import decrypt

    for token in tokens:
        decrypt(token)


def _index_all(names: list[str]) -> None:
    from nrm.core.crypto import blind_index

    for name in names:
        blind_index(name, "2000-01-01", purpose="person")


BENCHMARKS: list[tuple[str, Any, Any]] = [
    (f"encrypt {N} names", _names, _encrypt_all),
    (f"decrypt {N} names", _tokens, _decrypt_all),
    (f"blind index {N} names", _names, _index_all),
]
