"""NRM settings: one module, configured from the environment (see the README's table).

NRM_ENV selects the profile: `development` (default; secrets generated into var/ on first use),
`test` (fixed throw-away keys, fast hashing) or `production` (every secret required, HTTPS only).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from nrm.core.email_url import parse_email_url
from nrm.core.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_required,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
NRM_ENV = env_choice("NRM_ENV", ("development", "test", "production"), "development")
PRODUCTION = NRM_ENV == "production"
TESTING = NRM_ENV == "test"
VAR_DIR = Path(env_str("NRM_VAR_DIR", str(BASE_DIR / "var")) or "var")


def _fernet_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def _test_key(label: str) -> str:
    """A fixed key for the test profile only: tests must be repeatable, never secret."""
    return base64.urlsafe_b64encode(hashlib.sha256(label.encode()).digest()).decode()


def _secret(name: str, filename: str, why: str) -> str:
    """Production: required from the environment. Development: generated once into var/."""
    value = env_str(name)
    if value is not None:
        return value
    if PRODUCTION:
        return env_required(name, why)
    if TESTING:
        return _test_key(name)
    path = VAR_DIR / filename
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(_fernet_key() + "\n", encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret("NRM_SECRET_KEY", "secret.key", "it signs sessions and tokens")
# Backups (`nrm backup`) are encrypted with their own key, kept apart from the backups and from
# the keys of the data (docs/retention.md): a stolen backup alone reveals nothing.
# Production: only `nrm backup` and `nrm restore` need it, and they say so when it is missing.
NRM_BACKUP_KEY = (
    env_str("NRM_BACKUP_KEY") or ""
    if PRODUCTION
    else _secret("NRM_BACKUP_KEY", "backup.key", "it encrypts backups")
)
# Fernet keys for personal data, newest first; older keys still decrypt (rotation).
NRM_ENCRYPTION_KEYS = [
    key.strip()
    for key in _secret(
        "NRM_ENCRYPTION_KEYS", "encryption.key", "it encrypts personal data at rest"
    ).split(",")
    if key.strip()
]
NRM_BLIND_INDEX_KEY = _secret(
    "NRM_BLIND_INDEX_KEY", "blind-index.key", "it keys the duplicate-detection hashes"
)

DEBUG = env_bool("NRM_DEBUG", default=NRM_ENV == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("NRM_DEBUG must be false when NRM_ENV=production")

ALLOWED_HOSTS = env_list(
    "NRM_ALLOWED_HOSTS",
    default=[] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"],
)
if PRODUCTION and not ALLOWED_HOSTS:
    env_required("NRM_ALLOWED_HOSTS", "the host names the application answers to")
CSRF_TRUSTED_ORIGINS = env_list("NRM_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "auditlog",
    "csp",
    "ninja",
    "nrm.core",
    "nrm.accounts",
    "nrm.cases",
    "nrm.screening",
    "nrm.justice",
    "nrm.activities",
    "nrm.statistics",
    "nrm.bulletin",
    "nrm.exchange",
    "nrm.tasks",
    "nrm.inbox",
    "nrm.lifecycle",
    "nrm.documents",
    "nrm.plans",
    # After nrm.core, whose catalogues word some country names for BiH (nrm/core/country_names.py).
    "django_countries",
]
if TESTING:
    INSTALLED_APPS.append("nrm.testing")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "nrm.core.middleware.NulCharacterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nrm.core.middleware.NoStoreMiddleware",
    "nrm.accounts.middleware.UserLanguageMiddleware",
    "nrm.accounts.middleware.AccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "nrm.core.middleware.PermissionsPolicyMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nrm.urls"
WSGI_APPLICATION = "nrm.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nrm.core.context_processors.shell",
                "nrm.inbox.context_processors.bell",
            ],
        },
    },
]
# Django's form renderer with <select> written in Python (a list of countries is 250 options).
FORM_RENDERER = "nrm.core.renderers.FormRenderer"

# Database: embedded SQLite by default, PostgreSQL in production (DATABASE_URL).
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'nrm.sqlite3'}") or ""
try:
    _database = dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL={DATABASE_URL!r}: {exc}") from exc
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["CONN_MAX_AGE"] = 0
    _database["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
    }
    if _database["NAME"] != ":memory:":
        Path(str(_database["NAME"])).parent.mkdir(parents=True, exist_ok=True)
# Test databases are named after the checkout, so that two checkouts on one server do not clash.
_database["TEST"] = {"NAME": f"test_nrm_{hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:8]}"}
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["TEST"] = {"NAME": None}
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the flood counters of the public forms: every process of one installation
# must share it. Default: a table of the database (`nrm migrate` creates it); Redis if given.
_cache_url = env_str("NRM_CACHE_URL")
CACHES: dict[str, dict[str, Any]]
if _cache_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "nrm.core.cache.SharedDatabaseCache",
            "LOCATION": "nrm_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

# Authentication and login protection.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = env_int("NRM_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("NRM_LOGIN_LOCKOUT_MINUTES", 15))
# Failures are counted per account (from any address) and per address (over any accounts):
# nrm.accounts.lockout locks either at its own limit.
AXES_HANDLER = "nrm.accounts.lockout.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
NRM_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("NRM_LOGIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_IPWARE_PROXY_COUNT = env_int("NRM_PROXY_COUNT", 0)

# Sessions, cookies and HTTPS.
SESSION_COOKIE_AGE = env_int("NRM_SESSION_HOURS", 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("NRM_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("NRM_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
if env_bool("NRM_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

# Content Security Policy: no inline script or style, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Audit trail: who, which organisation, when, what changed. Never the client's address.
AUDITLOG_DISABLE_REMOTE_ADDR = True
AUDITLOG_MASK_CALLABLE = "nrm.core.audit.mask_personal_data"

# Languages: English and the local languages; the project ships catalogues for all of them.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("bs", "Bosanski"),
    ("hr", "Hrvatski"),
    ("sr", "Српски"),
    ("sr-latn", "Srpski (latinica)"),
]
# Generated catalogues (Bosnian country names) live in var/locale, after the project's own.
LOCALE_PATHS = [BASE_DIR / "locale", VAR_DIR / "locale"]
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["nrm.formats"]
TIME_ZONE = env_str("NRM_TIME_ZONE", "Europe/Sarajevo") or "Europe/Sarajevo"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it even when unused

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {
        "no_client_error_tracebacks": {"()": "nrm.core.logging.NoTracebackForClientErrors"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("NRM_LOG_LEVEL", "INFO")},
    "loggers": {
        # The development server logs every request line; keep those quiet in tests.
        "django.server": {"level": "WARNING" if TESTING else "INFO"},
        "axes": {"level": "WARNING"},
        # A denied request (403) is one line, not a traceback (nrm.core.logging).
        "django.request": {"filters": ["no_client_error_tracebacks"]},
    },
}

SILENCED_SYSTEM_CHECKS: list[str] = []

# The project's own settings.
NRM_HOME_COUNTRY = env_str("NRM_HOME_COUNTRY", "BA") or "BA"
NRM_HOTLINE = env_str("NRM_HOTLINE", "0800 22 323") or "0800 22 323"
# Where the public pages' quick-exit button leads: a neutral site that raises no questions.
NRM_QUICK_EXIT_URL = (
    env_str("NRM_QUICK_EXIT_URL", "https://www.google.com/search?q=weather")
    or "https://www.google.com/search?q=weather"
)
NRM_SITE_NAME = _("National Referral Mechanism")
NRM_DEMO_PASSWORD = "Demo-Referral-2024!"  # noqa: S105  (printed by `nrm demo`; demo data only)

# Screening (nrm.screening): flood protection of the anonymous public report form. Counts are
# kept per client under a keyed hash of its address (never the address) and overall, per window.
NRM_REPORT_LIMIT_PER_CLIENT = env_int("NRM_REPORT_LIMIT_PER_CLIENT", 5)
NRM_REPORT_LIMIT_OVERALL = env_int("NRM_REPORT_LIMIT_OVERALL", 200)
NRM_REPORT_LIMIT_WINDOW_MINUTES = env_int("NRM_REPORT_LIMIT_WINDOW_MINUTES", 15)
# A form sent back faster than a person can read and type it is a robot's.
NRM_REPORT_MIN_SECONDS = env_int("NRM_REPORT_MIN_SECONDS", 0 if TESTING else 3)

# Accounts (nrm.accounts): separation of duties. Account administration (the admin role, staff,
# superusers) and case roles (coordinator, case worker, field identifier) are never held together
# unless this is set, e.g. for a very small installation (docs/permissions.md).
NRM_ALLOW_ADMIN_CASE_ROLES = env_bool("NRM_ALLOW_ADMIN_CASE_ROLES", False)

# Accounts (nrm.accounts): API tokens expire after this many days unless given another expiry
# (0: tokens without an expiry date; not recommended).
NRM_API_TOKEN_DAYS = env_int("NRM_API_TOKEN_DAYS", 90)

# Cases (nrm.cases): how long a coordinator's access grant to a person's identifying data lasts.
NRM_ACCESS_GRANT_DAYS = env_int("NRM_ACCESS_GRANT_DAYS", 14)

# Referrals (nrm.cases): how soon the receiving organisation should answer. Urgent referrals
# within hours; others within working days (Monday to Friday; public holidays are not counted).
NRM_REFERRAL_URGENT_HOURS = env_int("NRM_REFERRAL_URGENT_HOURS", 24)
NRM_REFERRAL_RESPONSE_WORKING_DAYS = env_int("NRM_REFERRAL_RESPONSE_WORKING_DAYS", 5)

# Documents (nrm.documents): where attached files are kept, encrypted (never under a public
# URL), and the largest file accepted.
NRM_DOCUMENTS_DIR = Path(
    env_str("NRM_DOCUMENTS_DIR", str(VAR_DIR / "documents")) or str(VAR_DIR / "documents")
)
NRM_DOCUMENT_MAX_MB = env_int("NRM_DOCUMENT_MAX_MB", 10)

# Statistics (nrm.statistics): disclosure control of public outputs. A count from 1 to
# NRM_PUBLIC_MIN_CELL - 1 is never published (docs/methodology.md, "Disclosure control").
NRM_PUBLIC_MIN_CELL = env_int("NRM_PUBLIC_MIN_CELL", 5)
if NRM_PUBLIC_MIN_CELL < 2:
    raise ImproperlyConfigured(
        f"NRM_PUBLIC_MIN_CELL={NRM_PUBLIC_MIN_CELL}: must be 2 or more (1 would publish every "
        "count, however small)"
    )

# Exchange (nrm.exchange): the open-data bundle's licence and the methodology it links to (empty:
# the bundle carries docs/methodology.md itself).
NRM_OPEN_DATA_LICENSE = env_str("NRM_OPEN_DATA_LICENSE", "CC-BY-4.0") or "CC-BY-4.0"
NRM_OPEN_DATA_LICENSE_URL = (
    env_str("NRM_OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/")
    or "https://creativecommons.org/licenses/by/4.0/"
)
NRM_OPEN_DATA_LICENSE_TITLE = (
    env_str("NRM_OPEN_DATA_LICENSE_TITLE", "Creative Commons Attribution 4.0")
    or "Creative Commons Attribution 4.0"
)
NRM_METHODOLOGY_URL = env_str("NRM_METHODOLOGY_URL", "") or ""
# Notifications (nrm.inbox): how e-mail is sent, in one URL (docs/daily-work.md): smtp://,
# smtp+tls://, smtps://, console:, file:///folder (one file per message), memory:, off:.
# Unset: printed to the console in development, not sent in production (only the bell).
_email_default = "memory:" if TESTING else "off:" if PRODUCTION else "console:"
NRM_EMAIL_URL = env_str("NRM_EMAIL_URL", _email_default) or _email_default
_email = parse_email_url(NRM_EMAIL_URL)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
DEFAULT_FROM_EMAIL = _email["DEFAULT_FROM_EMAIL"]
SERVER_EMAIL = _email["SERVER_EMAIL"]
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH")
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = _email.get("EMAIL_TIMEOUT")
EMAIL_SUBJECT_PREFIX = "[NRM] "
# The address people open NRM at: links in e-mails start with it.
NRM_SITE_URL = (
    env_str("NRM_SITE_URL")
    or (f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else "http://localhost:8000")
).rstrip("/")
