"""Every read of organisations, users and tokens, scoped to the reader."""

from __future__ import annotations

import datetime
import functools
import json
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from nrm.accounts.models import ApiToken, Organisation, User, hash_token
from nrm.core.errors import NotFound
from nrm.core.roles import Role, remember_roles, require_role


def organisation_list(
    *, actor: User, q: str = "", type: str = "", jurisdiction: str = ""
) -> QuerySet[Organisation]:
    """The directory of organisations is visible to every user with a role: referrals need it."""
    require_role(actor, *Role.values)
    orgs = Organisation.objects.select_related("municipality").filter(is_active=True)
    if q:
        orgs = orgs.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
    if type:
        orgs = orgs.filter(type=type)
    if jurisdiction:
        orgs = orgs.filter(jurisdiction=jurisdiction)
    return orgs


def organisation_get(*, actor: User, pk: int) -> Organisation:
    try:
        return organisation_list(actor=actor).get(pk=pk)
    except Organisation.DoesNotExist:
        raise NotFound() from None


def user_list(*, actor: User) -> QuerySet[User]:
    require_role(actor, Role.ADMIN, Role.AUDITOR)
    return User.objects.select_related("organisation").prefetch_related("groups")


def user_by_username(username: str) -> User:
    """For command-line tools run by the operator; not scoped (there is no signed-in user)."""
    try:
        return User.objects.select_related("organisation").get(username=username)
    except User.DoesNotExist:
        raise NotFound(f"No user named {username!r}.") from None


def token_list(*, actor: User, user: User | None = None) -> QuerySet[ApiToken]:
    if user is None or user.pk == actor.pk:
        return ApiToken.objects.filter(user=actor)
    require_role(actor, Role.ADMIN)
    return ApiToken.objects.filter(user=user)


def user_for_token(value: str) -> User | None:
    """The active user a presented API token belongs to, or None (also marks it used).

    Every API request starts here, so the token, its user and the user's roles are read with
    one written-out query: the ORM took longer to build its two queries than the database to
    answer them. The rule is ApiToken.is_usable and User.is_active; the organisation is read
    when it is used."""
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    # Recording the use is bookkeeping, not a domain change: no audit entry, at most once a minute.
    params = [adapt(now - datetime.timedelta(minutes=1)), hash_token(value), adapt(now), True]
    query = _token_user_query(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(query.sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    *values, group_names, token_to_mark = row
    for index, converters, column in query.converters:
        for convert in converters:
            values[index] = convert(values[index], column, connection)
    user = User.from_db(connection.alias, query.fields, values)
    if token_to_mark is not None:
        ApiToken.objects.filter(pk=token_to_mark).update(last_used_at=now)
    # PostgreSQL gives the names as an array; SQLite as a JSON array.
    remember_roles(user, json.loads(group_names) if isinstance(group_names, str) else group_names)
    return user


@dataclass(frozen=True)
class _TokenUserQuery:
    sql: str
    fields: list[str]  # the user's attributes, in the order of the selected columns
    converters: list[tuple[int, list[Any], Any]]  # (column index, converters, Col), as the ORM


def _quoted(model: type[Model], *fields: str) -> list[str]:
    """The quoted names of a model's table and of the columns of `fields`."""
    quote = connection.ops.quote_name
    columns = {field.name: str(field.column) for field in model._meta.concrete_fields}
    return [quote(model._meta.db_table)] + [quote(columns[name]) for name in fields]


@functools.cache
def _token_user_query(vendor: str) -> _TokenUserQuery:
    token, token_id, last_used, digest, revoked, expires, token_user = _quoted(
        ApiToken, "id", "last_used_at", "digest", "revoked_at", "expires_at", "user"
    )
    user, user_id, active = _quoted(User, "id", "is_active")
    membership = User.groups.through
    memberships, member, member_group = _quoted(membership, "user", "group")
    groups, group_id, group_name = _quoted(Group, "id", "name")
    names = f"g.{group_name}"
    in_groups = (
        f"FROM {groups} g JOIN {memberships} m ON m.{member_group} = g.{group_id} "
        f"WHERE m.{member} = u.{user_id}"
    )
    group_names = (
        f"ARRAY(SELECT {names} {in_groups})"
        if vendor == "postgresql"
        else f"(SELECT json_group_array({names}) {in_groups})"
    )
    fields = User._meta.concrete_fields
    columns = ", ".join(f"u.{connection.ops.quote_name(str(f.column))}" for f in fields)
    # Names come from the models' metadata, values are parameters.
    sql = (
        f"SELECT {columns}, {group_names}, "  # noqa: S608
        f"CASE WHEN t.{last_used} IS NULL OR t.{last_used} < %s THEN t.{token_id} ELSE NULL END "
        f"FROM {token} t JOIN {user} u ON u.{user_id} = t.{token_user} "
        f"WHERE t.{digest} = %s AND t.{revoked} IS NULL "
        f"AND (t.{expires} IS NULL OR t.{expires} > %s) AND u.{active} = %s"
    )
    converters = []
    for index, field in enumerate(fields):
        column = field.get_col(User._meta.db_table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((index, found, column))
    return _TokenUserQuery(sql, [f.attname for f in fields], converters)


def members_with_role(*, organisation_id: int | None, roles: tuple[str, ...]) -> QuerySet[User]:
    """Active users of an organisation holding one of `roles` (whom to notify; not scoped:
    callers are services that decided the organisation must hear about something)."""
    if organisation_id is None:
        return User.objects.none()
    return (
        User.objects.filter(organisation_id=organisation_id, is_active=True, groups__name__in=roles)
        .distinct()
        .order_by("username")
    )


def active_users_with_role(*, roles: tuple[str, ...]) -> QuerySet[User]:
    """Active users holding one of `roles` in any organisation (e.g. every coordinator)."""
    return User.objects.filter(is_active=True, groups__name__in=roles).distinct().order_by("pk")
