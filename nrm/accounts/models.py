from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nrm.core.audit import audited
from nrm.core.models import DomainModel
from nrm.core.transliterate import cyrillic_to_latin
from nrm.core.vocabularies import Canton, Jurisdiction, OrganisationType


@audited
class Organisation(DomainModel):
    """An institution or organisation taking part in the referral mechanism."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=8, choices=Jurisdiction.choices)
    canton = models.CharField(
        _("canton"),
        max_length=8,
        choices=Canton.choices,
        blank=True,
        help_text=_("Only for cantonal institutions of the Federation of BiH."),
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Codes of nrm.cases.models.ServiceType: referring for a service offers these first.
    services = models.JSONField(
        _("services provided"),
        default=list,
        blank=True,
        help_text=_('For example ["shelter", "psychological_support"].'),
    )
    local_names = models.JSONField(
        _("names in the local languages"),
        default=dict,
        blank=True,
        help_text=_('For example {"bs": ["full name", "short name"], "sr": ["…", "…"]}.'),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(canton="") | Q(jurisdiction=Jurisdiction.FBIH),
                name="organisation_canton_only_in_fbih",
                violation_error_message=_("Only organisations of the Federation have a canton."),
            )
        ]

    def __str__(self) -> str:
        return self.display_name(short=True)

    def display_name(self, language: str | None = None, *, short: bool = False) -> str:
        """The name in the reader's language: the official name unless a local one is known.

        English names are never transliterated (that would give "Цоунцил оф Еуропе"); Croatian
        and Bosnian fall back to each other, Serbian Latin is the Serbian name transliterated.
        """
        entry = local_name_entry(self.local_names, language or get_language() or "en")
        if entry:
            return entry[1] if short and len(entry) > 1 and entry[1] else entry[0]
        return (self.short_name or self.name) if short else self.name


def local_name_entry(names: dict[str, list[str]], language: str) -> list[str] | None:
    if language == "sr-latn":
        return [cyrillic_to_latin(part) for part in names["sr"]] if names.get("sr") else None
    fallbacks = {"bs": ("bs", "hr"), "hr": ("hr", "bs"), "sr": ("sr",)}
    for code in fallbacks.get(language, ()):
        if names.get(code):
            return names[code]
    return None


@audited(exclude=("password", "last_login"), m2m=("groups",))
class User(AbstractUser):
    """A person who signs in. Belongs to one organisation; roles are auth groups."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def roles(self) -> frozenset[str]:
        from nrm.core.roles import roles_of

        return roles_of(self)


TOKEN_PREFIX = "nrm_"  # noqa: S105  (a prefix, not a secret)


def hash_token(token: str) -> str:
    """Tokens are 256-bit random strings, so a plain SHA-256 digest is enough to store them."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token_value() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


@audited(exclude=("digest", "last_used_at"))
class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 digest is stored; the value is shown once."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("starts with"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def is_usable(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
