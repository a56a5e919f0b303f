"""Every write to organisations, users and API tokens."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.accounts.models import ApiToken, Organisation, User, hash_token, new_token_value
from nrm.core.errors import ValidationError
from nrm.core.roles import Role, forget_roles, require_role
from nrm.core.services import service, validated_save

ORGANISATION_FIELDS = (
    "name",
    "short_name",
    "type",
    "jurisdiction",
    "canton",
    "municipality",
    "local_names",
)


@service
def organisation_create(*, actor: User | None, **values: Any) -> Organisation:
    require_role(actor, Role.ADMIN)
    unknown = set(values) - set(ORGANISATION_FIELDS) - {"is_active"}
    if unknown:
        raise ValidationError(fields={name: [_("unknown field")] for name in sorted(unknown)})
    return validated_save(Organisation(**values))


@service
def organisation_update(
    *, actor: User | None, organisation: Organisation, **values: Any
) -> Organisation:
    require_role(actor, Role.ADMIN)
    for name, value in values.items():
        if name not in (*ORGANISATION_FIELDS, "is_active"):
            raise ValidationError(fields={name: [_("unknown field")]})
        setattr(organisation, name, value)
    return validated_save(organisation)


def _validate_roles(roles: Iterable[str]) -> list[str]:
    roles = list(dict.fromkeys(roles))
    unknown = [r for r in roles if r not in Role.values]
    if unknown:
        raise ValidationError(
            fields={"roles": [_("unknown role: %(role)s") % {"role": r} for r in unknown]}
        )
    return roles


def _validated_password(password: str, user: User) -> str:
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        raise ValidationError(fields={"password": exc.messages}) from exc
    return password


@service
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    organisation: Organisation,
    roles: Iterable[str] = (),
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    language: str = "",
) -> User:
    require_role(actor, Role.ADMIN)
    role_list = _validate_roles(roles)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(fields={"username": [_("This user name is taken.")]})
    user = User(
        username=username,
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        email=email,
        language=language,
    )
    user.set_password(_validated_password(password, user))
    validated_save(user)
    user.groups.set(Group.objects.filter(name__in=role_list))
    return user


@service
def user_update(
    *,
    actor: User | None,
    user: User,
    organisation: Organisation | None = None,
    roles: Iterable[str] | None = None,
    is_active: bool | None = None,
    **values: Any,
) -> User:
    require_role(actor, Role.ADMIN)
    if actor is not None and actor.pk == user.pk and is_active is False:
        raise ValidationError(fields={"is_active": [_("You cannot deactivate yourself.")]})
    for name, value in values.items():
        if name not in ("first_name", "last_name", "email", "language"):
            raise ValidationError(fields={name: [_("unknown field")]})
        setattr(user, name, value)
    if organisation is not None:
        user.organisation = organisation
    if is_active is not None:
        user.is_active = is_active
    validated_save(user)
    if roles is not None:
        user.groups.set(Group.objects.filter(name__in=_validate_roles(roles)))
        forget_roles(user)
    return user


@service
def user_set_password(*, actor: User | None, user: User, password: str) -> User:
    if actor is not None and actor.pk != user.pk:
        require_role(actor, Role.ADMIN)
    user.set_password(_validated_password(password, user))
    user.save(update_fields=["password"])
    return user


@service
def user_set_language(*, actor: User, language: str) -> User:
    """A user's own preferred language (applied whenever they sign in)."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError(fields={"language": [_("unknown language")]})
    actor.language = language
    actor.save(update_fields=["language"])
    return actor


@service
def token_create(
    *,
    actor: User | None,
    user: User,
    name: str,
    expires_at: datetime.datetime | None = None,
) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns it with its value, never stored nor shown again.

    Without `expires_at` the token lasts NRM_API_TOKEN_DAYS (a forgotten token stops working).
    """
    if actor is not None and actor.pk != user.pk:
        require_role(actor, Role.ADMIN)
    if not user.is_active:
        raise ValidationError(fields={"user": [_("The user is deactivated.")]})
    if not name.strip():
        raise ValidationError(fields={"name": [_("Give the token a name.")]})
    if expires_at is None:
        expires_at = default_token_expiry()
    elif expires_at <= timezone.now():
        raise ValidationError(fields={"expires_at": [_("The expiry must be in the future.")]})
    value = new_token_value()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        digest=hash_token(value),
        hint=value[:8],
        expires_at=expires_at,
    )
    return token, value


def default_token_expiry() -> datetime.datetime | None:
    days = settings.NRM_API_TOKEN_DAYS
    return timezone.now() + datetime.timedelta(days=days) if days else None


@service
def token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    if actor is not None and actor.pk != token.user_id:
        require_role(actor, Role.ADMIN)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


@service
def admin_save(*, actor: User, record: Organisation | User | ApiToken) -> None:
    """Saves made on the administrators' site (its forms have validated the values)."""
    require_role(actor, Role.ADMIN)
    if isinstance(record, User) and record.pk == actor.pk and not record.is_active:
        raise ValidationError(fields={"is_active": [_("You cannot deactivate yourself.")]})
    record.save()
