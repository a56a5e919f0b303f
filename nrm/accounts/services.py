"""Every write to organisations, users and API tokens."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.accounts.models import ApiToken, Organisation, User, hash_token, new_token_value
from nrm.core.errors import ValidationError
from nrm.core.roles import Role, duties_conflict, forget_roles, require_role
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


@dataclass(frozen=True)
class Access:
    """What decides what an account may do: its roles, organisation and Django flags."""

    roles: frozenset[str]
    organisation_id: int | None
    is_staff: bool = False
    is_superuser: bool = False


def access_of(user: User) -> Access | None:
    """The account's access as stored (None for an account not yet saved)."""
    stored = User.objects.filter(pk=user.pk).first() if user.pk else None
    if stored is None:
        return None
    return Access(
        roles=frozenset(stored.groups.values_list("name", flat=True)),
        organisation_id=stored.organisation_id,
        is_staff=stored.is_staff,
        is_superuser=stored.is_superuser,
    )


def access_change_check(
    *, actor: User | None, user: User, before: Access | None, after: Access
) -> None:
    """Separation of duties (docs/permissions.md), for every way accounts are changed.

    No one changes their own roles, organisation or administrator flags; account
    administration and case roles are never held together (unless NRM_ALLOW_ADMIN_CASE_ROLES).
    Raises ValidationError naming the field.
    """
    errors: dict[str, list[str]] = {}
    own = actor is not None and user.pk is not None and actor.pk == user.pk
    if own and before is not None:
        if after.roles != before.roles:
            errors["roles"] = [_("You cannot change your own roles.")]
        if after.organisation_id != before.organisation_id:
            errors["organisation"] = [_("You cannot change your own organisation.")]
        if (after.is_staff, after.is_superuser) != (before.is_staff, before.is_superuser):
            errors.setdefault("roles", []).append(_("You cannot change your own roles."))
    if duties_conflict(after.roles, is_staff=after.is_staff, is_superuser=after.is_superuser):
        errors.setdefault("roles", []).append(
            _(
                "Administering accounts and a case role (coordinator, case worker, field "
                "identifier) cannot be held together: use two accounts."
            )
        )
    if errors:
        raise ValidationError(fields=errors)


def _organisation_name(pk: int | None) -> str:
    organisation = Organisation.objects.filter(pk=pk).first() if pk else None
    return str(organisation) if organisation else ""


def _audit_access_change(user: User, before: Access | None, after: Access) -> None:
    """One audit entry with each change of roles, organisation or flags, before and after."""
    before = before or Access(roles=frozenset(), organisation_id=None)
    changes: dict[str, list[str]] = {}
    if before.roles != after.roles:
        changes["roles"] = [", ".join(sorted(before.roles)), ", ".join(sorted(after.roles))]
    if before.organisation_id != after.organisation_id:
        changes["organisation"] = [
            _organisation_name(before.organisation_id),
            _organisation_name(after.organisation_id),
        ]
    for flag in ("is_staff", "is_superuser"):
        if getattr(before, flag) != getattr(after, flag):
            changes[flag] = [str(getattr(before, flag)), str(getattr(after, flag))]
    if changes:
        LogEntry.objects.log_create(user, action=LogEntry.Action.UPDATE, changes=changes)


def _set_access(user: User, before: Access | None, after: Access) -> None:
    user.groups.set(Group.objects.filter(name__in=after.roles))
    forget_roles(user)
    _audit_access_change(user, before, after)


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
    after = Access(roles=frozenset(role_list), organisation_id=organisation.pk)
    access_change_check(actor=actor, user=User(), before=None, after=after)
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
    _set_access(user, None, after)
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
    for name in values:
        if name not in ("first_name", "last_name", "email", "language"):
            raise ValidationError(fields={name: [_("unknown field")]})
    before = access_of(user)
    after = Access(
        roles=frozenset(_validate_roles(roles)) if roles is not None else _kept_roles(before),
        organisation_id=organisation.pk if organisation is not None else user.organisation_id,
        is_staff=user.is_staff,
        is_superuser=user.is_superuser,
    )
    access_change_check(actor=actor, user=user, before=before, after=after)
    for name, value in values.items():
        setattr(user, name, value)
    if organisation is not None:
        user.organisation = organisation
    if is_active is not None:
        user.is_active = is_active
    validated_save(user)
    _set_access(user, before, after)
    return user


def _kept_roles(before: Access | None) -> frozenset[str]:
    return before.roles if before is not None else frozenset()


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
def admin_save(*, actor: User, record: Organisation | ApiToken) -> None:
    """Saves made on the administrators' site (its forms have validated the values)."""
    require_role(actor, Role.ADMIN)
    record.save()


def admin_user_access(user: User, roles: Iterable[str] | None) -> Access:
    """The access an account would have after a save on the administrators' site."""
    before = access_of(user)
    return Access(
        roles=frozenset(roles) if roles is not None else _kept_roles(before),
        organisation_id=user.organisation_id,
        is_staff=user.is_staff,
        is_superuser=user.is_superuser,
    )


@service
def admin_user_save(*, actor: User, user: User, roles: Iterable[str] | None) -> None:
    """A user saved on the administrators' site, with the roles its form chose (None: kept).

    The form has shown the same checks as field errors (nrm.accounts.admin); they are applied
    again here, so that no path around the form escapes them.
    """
    require_role(actor, Role.ADMIN)
    if user.pk == actor.pk and not user.is_active:
        raise ValidationError(fields={"is_active": [_("You cannot deactivate yourself.")]})
    before = access_of(user)
    after = admin_user_access(user, roles)
    access_change_check(actor=actor, user=user, before=before, after=after)
    user.save()
    _set_access(user, before, after)
