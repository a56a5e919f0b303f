"""Typed readers for environment variables that fail loudly.

Every setting that comes from the environment goes through one of these, so a typo in a value
stops the process with the variable's name instead of surfacing later as odd behaviour.
A variable `NAME` may also be given as `NAME_FILE`, a path whose content is the value (for
Docker/systemd secrets).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_raw(name: str) -> str | None:
    """The value of `name`, or the content of the file named by `name_FILE`, or None."""
    value = os.environ.get(name)
    if value is not None:
        return value
    path = os.environ.get(f"{name}_FILE")
    if path is None:
        return None
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ImproperlyConfigured(f"{name}_FILE={path}: cannot read the file ({exc})") from exc


def env_str(name: str, default: str | None = None) -> str | None:
    value = env_raw(name)
    return default if value is None or value == "" else value


def env_required(name: str, why: str) -> str:
    value = env_str(name)
    if value is None:
        raise ImproperlyConfigured(f"{name} (or {name}_FILE) must be set: {why}")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = env_raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected true or false")


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list; blanks around items are ignored."""
    value = env_str(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = env_str(name, default) or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r}: expected one of {', '.join(choices)}")
    return value
