"""NRM_EMAIL_URL: how NRM sends e-mail, in one URL (docs/daily-work.md).

    smtp://user:password@mail.example.org:587   SMTP; STARTTLS on port 587 (the submission port)
    smtp+tls://user:password@host:587           SMTP with STARTTLS on any port
    smtps://user:password@host:465              SMTP over TLS (also smtp+ssl://)
    console:                                    print each message (development)
    file:///var/lib/nrm/mail                    write one file per message into that folder
    memory:                                     keep messages in memory (tests)
    off:                                        send nothing; notifications stay in NRM

`?from=nrm@example.org` sets the sender address; `?timeout=20` the SMTP timeout in seconds.
User names and passwords may be percent-encoded (`%40` for @).
"""

from __future__ import annotations

import datetime
import os
import secrets
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

DEFAULT_FROM = "nrm@localhost"
SMTP = "django.core.mail.backends.smtp.EmailBackend"
BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
    "off": "django.core.mail.backends.dummy.EmailBackend",
    # One file per message (Django's own file backend writes a whole batch into one file).
    "file": "nrm.core.email_url.OneFilePerMessageBackend",
}
SMTP_SCHEMES = {"smtp": 25, "smtp+tls": 587, "smtps": 465, "smtp+ssl": 465}
SCHEMES = (*SMTP_SCHEMES, *BACKENDS)


def _fail(name: str, value: str, why: str) -> ImproperlyConfigured:
    shown = value
    parts = urlsplit(value)
    if parts.password:
        shown = value.replace(parts.password, "***")
    return ImproperlyConfigured(f"{name}={shown!r}: {why}")


def parse_email_url(value: str, name: str = "NRM_EMAIL_URL") -> dict[str, Any]:
    """Django's e-mail settings (EMAIL_BACKEND, EMAIL_HOST, ...) for one URL."""
    parts = urlsplit(value.strip())
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise _fail(name, value, f"unknown scheme; expected one of {', '.join(SCHEMES)}")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    unknown = set(query) - {"from", "timeout"}
    if unknown:
        raise _fail(name, value, f"unknown option {', '.join(sorted(unknown))} (from, timeout)")
    result: dict[str, Any] = {
        "EMAIL_BACKEND": BACKENDS.get(scheme, SMTP),
        "DEFAULT_FROM_EMAIL": query.get("from", DEFAULT_FROM),
        "SERVER_EMAIL": query.get("from", DEFAULT_FROM),
    }
    if "@" not in result["DEFAULT_FROM_EMAIL"]:
        raise _fail(name, value, "from= must be an e-mail address")
    if scheme == "file":
        if parts.netloc not in ("", "localhost") or not parts.path.startswith("/"):
            raise _fail(name, value, "give an absolute folder, e.g. file:///var/lib/nrm/mail")
        result["EMAIL_FILE_PATH"] = unquote(parts.path)
    if scheme in SMTP_SCHEMES:
        if not parts.hostname:
            raise _fail(name, value, "give the mail server, e.g. smtp://mail.example.org:587")
        try:
            port = parts.port or SMTP_SCHEMES[scheme]
        except ValueError:
            raise _fail(name, value, "the port is not a number") from None
        try:
            timeout = int(query.get("timeout", "20"))
        except ValueError:
            raise _fail(name, value, "timeout= must be a whole number of seconds") from None
        ssl = scheme in ("smtps", "smtp+ssl")
        result.update(
            EMAIL_HOST=parts.hostname,
            EMAIL_PORT=port,
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=ssl,
            EMAIL_USE_TLS=not ssl and (scheme == "smtp+tls" or port == 587),
            EMAIL_TIMEOUT=timeout,
        )
    return result


def _file_backend_base() -> Any:
    from django.core.mail.backends.filebased import EmailBackend

    return EmailBackend


class OneFilePerMessageBackend(_file_backend_base()):  # type: ignore[misc]
    """Django's file backend, but each message in a file of its own (`<time>-<random>.eml`)."""

    def send_messages(self, email_messages: Any) -> int:
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            name = f"{datetime.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(6)}.eml"
            with open(os.path.join(self.file_path, name), "wb") as stream:
                stream.write(message.message().as_bytes())
            sent += 1
        return sent
