"""The authorization matrix: every web URL and API operation x every role x own/other organisation.

The expected answers come from one table, `docs/permissions-policy.toml` (next to
docs/permissions.md): per URL name and per API operation id, which roles get a 2xx answer on an
object of their own organisation (`get`) and on one of another organisation (`get_other`), and
which may write (`post`, `post_other`; by default the same roles). Everyone else is denied.
The URLs and operations are read from the resolver and the OpenAPI schema, so a new one
without an entry fails `nrm/testing/tests/test_authorization_matrix.py`.

Objects are real demo records: "own" is a record of the persona's organisation, "other" one of
an organisation that has nothing to do with it (not referred to it, not monitored by it, ...).
"""

from __future__ import annotations

import json
import re
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import Model, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

POLICY_PATH = Path(settings.BASE_DIR) / "docs" / "permissions-policy.toml"

ROLES = (
    "coordinator",
    "case_worker",
    "field_identifier",
    "trial_monitor",
    "partner",
    "auditor",
    "admin",
)
PSEUDO_ROLES = ("norole", "anonymous")
ALIASES = {
    "any-role": ROLES,
    "signed-in": (*ROLES, "norole"),
    "everyone": (*ROLES, *PSEUDO_ROLES),
}
# One demo account per role (docs/permissions.md); "norole" is made by the test.
PERSONAS = {
    "coordinator": "coordinator",
    "case_worker": "caseworker",
    "field_identifier": "fieldofficer",
    "trial_monitor": "monitor",
    "partner": "partner",
    "auditor": "auditor",
    "admin": "admin",
    "norole": "matrix_norole",
    "anonymous": "",
}
UNSAFE = ("post", "put", "patch", "delete")
# Writes a denied request may still cause: the session of the signed-in test client and the
# token's "last used" time.
HARMLESS_WRITES = ("django_session", "accounts_apitoken")
QUERY_EXAMPLES = {"period": "2024-H2", "from": "2024-01-01", "to": "2024-12-31"}
# Paths that are not the application's own (Django's admin site has its own test).
SKIPPED_PREFIXES = ("admin/", "static/", "api/")


# --- the policy ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """Who gets 2xx for one URL name or operation id."""

    name: str
    get: frozenset[str]
    get_other: frozenset[str]
    post: frozenset[str]
    post_other: frozenset[str]
    object: str = ""
    args: dict[str, str] = field(default_factory=dict)
    query: str = ""
    # Deviations known and tracked elsewhere: {role: why}; reported, not failed.
    pending: dict[str, str] = field(default_factory=dict)

    def allowed(self, role: str, *, write: bool, own: bool) -> bool:
        if write:
            return role in (self.post if own else self.post_other)
        return role in (self.get if own else self.get_other)


def _roles(value: str | None, default: frozenset[str] = frozenset()) -> frozenset[str]:
    if value is None:
        return default
    roles: set[str] = set()
    for word in value.split():
        if word in ALIASES:
            roles |= set(ALIASES[word])
        elif word in ROLES or word in PSEUDO_ROLES:
            roles.add(word)
        else:
            raise ValueError(f"unknown role {word!r} in {POLICY_PATH.name}")
    return frozenset(roles)


KEYS = {"object", "args", "query", "get", "get_other", "post", "post_other", "pending", "note"}


def _rule(name: str, entry: dict[str, Any]) -> Rule:
    unknown = set(entry) - KEYS
    if unknown:
        raise ValueError(f"{name}: unknown keys {sorted(unknown)} in {POLICY_PATH.name}")
    get = _roles(entry.get("get"))
    get_other = _roles(entry.get("get_other"))
    return Rule(
        name=name,
        get=get,
        get_other=get_other,
        post=_roles(entry.get("post"), get),
        post_other=_roles(entry.get("post_other"), get_other),
        object=entry.get("object", ""),
        args=dict(entry.get("args", {})),
        query=entry.get("query", ""),
        pending=dict(entry.get("pending", {})),
    )


def load_policy(path: Path = POLICY_PATH) -> dict[str, dict[str, Rule]]:
    """{"web": {url name: Rule}, "api": {operation id: Rule}}."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        surface: {name: _rule(name, entry) for name, entry in data.get(surface, {}).items()}
        for surface in ("web", "api")
    }


# --- what exists -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    surface: str  # "web" or "api"
    name: str  # URL name (namespace:name) or operation id
    route: str  # "/cases/<str:code>/" or "/api/v1/cases/{code}"
    params: tuple[str, ...]
    methods: tuple[str, ...] = ("get", "post")


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Any]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            joined = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), joined)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
            yield prefix + str(pattern.pattern), name


def web_endpoints() -> list[Endpoint]:
    endpoints = []
    for route, name in _walk(get_resolver().url_patterns):
        if route.startswith(SKIPPED_PREFIXES):
            continue
        params = tuple(re.findall(r"<(?:\w+:)?(\w+)>", route))
        endpoints.append(Endpoint("web", name, "/" + route, params))
    return sorted(endpoints, key=lambda e: e.name)


def api_endpoints() -> list[Endpoint]:
    from nrm.api import api

    schema = api.get_openapi_schema()
    endpoints = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            params = tuple(re.findall(r"{(\w+)}", path))
            endpoints.append(Endpoint("api", operation["operationId"], path, params, (method,)))
    return sorted(endpoints, key=lambda e: e.name)


def api_schema() -> dict[str, Any]:
    from nrm.api import api

    return dict(api.get_openapi_schema())


# --- real demo objects -----------------------------------------------------------------------


def _first(queryset: Any) -> Model | None:
    return queryset.order_by("pk").first()


def _split(model: type[Model], path: str, organisation: Any, extra_other: Q | None = None) -> Any:
    """(own, other): a record whose `path` is the organisation, and one of an unrelated one."""
    own = _first(model._default_manager.filter(**{path: organisation}))
    others = model._default_manager.exclude(**{path: organisation})
    if extra_other is not None:
        others = others.exclude(extra_other)
    return own, _first(others)


def _case_filler(user: Any) -> tuple[Any, Any]:
    from nrm.cases.models import ReferralStatus, VictimCase

    org = user.organisation
    unrelated = Q(referrals__to_organisation=org) | Q(referrals__from_organisation=org)
    own, other = _split(VictimCase, "organisation", org, unrelated)
    if own is None:  # a case worker's cases are mostly referred to it and accepted
        own = _first(
            VictimCase.objects.filter(
                referrals__to_organisation=org, referrals__status=ReferralStatus.ACCEPTED
            )
        )
    return own, other


def _court_case_chain(path: str) -> Callable[[Any], tuple[Any, Any]]:
    def fill(user: Any) -> tuple[Any, Any]:
        from django.apps import apps

        model_name, lookup = path.split(":")
        model = apps.get_model("justice", model_name)
        return _split(model, lookup, user.organisation)

    return fill


def _simple(app_model: str, lookup: str, by_user: bool = False) -> Callable[[Any], Any]:
    def fill(user: Any) -> tuple[Any, Any]:
        from django.apps import apps

        model = apps.get_model(app_model)
        return _split(model, lookup, user if by_user else user.organisation)

    return fill


def _referral_filler(user: Any) -> tuple[Any, Any]:
    from nrm.cases.models import Referral

    org = user.organisation
    own = _first(Referral.objects.filter(to_organisation=org))
    other = _first(
        Referral.objects.exclude(to_organisation=org)
        .exclude(from_organisation=org)
        .exclude(case__organisation=org)
        .exclude(case__referrals__to_organisation=org)
    )
    return own, other


def _grant_filler(user: Any) -> tuple[Any, Any]:
    from nrm.cases.models import AccessGrant

    org = user.organisation
    own = _first(AccessGrant.objects.filter(Q(case__organisation=org) | Q(grantee=user)))
    other = _first(
        AccessGrant.objects.exclude(case__organisation=org)
        .exclude(grantee__organisation=org)
        .exclude(case__referrals__to_organisation=org)
    )
    return own, other


def _stay_filler(user: Any) -> tuple[Any, Any]:
    from nrm.cases.models import ShelterStay

    org = user.organisation
    own = _first(ShelterStay.objects.filter(safe_house=org, end__isnull=True))
    other = _first(
        ShelterStay.objects.exclude(safe_house=org)
        .exclude(case__organisation=org)
        .exclude(case__referrals__to_organisation=org)
    )
    return own, other


def _shared(app_model: str) -> Callable[[Any], tuple[Any, Any]]:
    """Records that belong to no organisation: one object, tried as "own"."""

    def fill(user: Any) -> tuple[Any, Any]:
        from django.apps import apps

        return _first(apps.get_model(app_model)._default_manager.all()), None

    return fill


def _case_part(app_model: str, path: str) -> Callable[[Any], tuple[Any, Any]]:
    """Records that hang on a case: own = of a case of the organisation (or referred to it and
    accepted), other = of a case that has nothing to do with it."""

    def fill(user: Any) -> tuple[Any, Any]:
        from django.apps import apps

        from nrm.cases.models import ReferralStatus

        model = apps.get_model(app_model)
        org = user.organisation
        own = _first(model._default_manager.filter(**{path: org}))
        if own is None:
            case = path.rsplit("__", 1)[0]
            own = _first(
                model._default_manager.filter(
                    **{
                        f"{case}__referrals__to_organisation": org,
                        f"{case}__referrals__status": ReferralStatus.ACCEPTED,
                    }
                )
            )
        case = path.rsplit("__", 1)[0]
        other = _first(
            model._default_manager.exclude(**{path: org})
            .exclude(**{f"{case}__referrals__to_organisation": org})
            .exclude(**{f"{case}__referrals__from_organisation": org})
        )
        return own, other

    return fill


def _document_filler(user: Any) -> tuple[Any, Any]:
    from nrm.documents.models import Document

    org = user.organisation
    own = _first(Document.objects.filter(organisation=org))
    other = _first(Document.objects.exclude(organisation=org).filter(owner_kind="case"))
    return own, other


def _published_filler(user: Any) -> tuple[Any, Any]:
    from nrm.bulletin.models import PublishedVersion

    return _first(PublishedVersion.objects.all()), None


FILLERS: dict[str, Callable[[Any], tuple[Any, Any]]] = {
    "case": _case_filler,
    "referral": _referral_filler,
    "grant": _grant_filler,
    "stay": _stay_filler,
    "screening": _simple("screening.Screening", "organisation"),
    "public_report": _simple("screening.PublicReport", "assigned_organisation"),
    "court_case": _court_case_chain("CourtCase:monitoring_organisation"),
    "defendant": _court_case_chain("Defendant:court_case__monitoring_organisation"),
    "charge": _court_case_chain("Charge:defendant__court_case__monitoring_organisation"),
    "verdict": _court_case_chain("Verdict:defendant__court_case__monitoring_organisation"),
    "hearing": _court_case_chain("Hearing:court_case__monitoring_organisation"),
    "injured_party": _court_case_chain("InjuredParty:court_case__monitoring_organisation"),
    "claim": _court_case_chain(
        "CompensationClaim:injured_party__court_case__monitoring_organisation"
    ),
    "activity": _simple("activities.Activity", "reporter"),
    "programme": _shared("activities.FundingProgramme"),
    "task": _simple("tasks.Task", "organisation"),
    "notification": _simple("inbox.Notification", "recipient", by_user=True),
    "token": _simple("accounts.ApiToken", "user", by_user=True),
    "edition": _shared("bulletin.Edition"),
    "section": _shared("bulletin.FreeSection"),
    "published": _published_filler,
    "legal_hold": _shared("lifecycle.LegalHold"),
    "assignment": _case_part("cases.CaseAssignment", "case__organisation"),
    "plan_goal": _case_part("cases.PlanGoal", "plan__case__organisation"),
    "planned_service": _case_part("cases.PlannedService", "plan__case__organisation"),
    "document": _document_filler,
    "plan": _shared("plans.Plan"),
    "plan_round": _shared("plans.ReportingRound"),
    "plan_report": _simple("plans.MeasureReport", "organisation"),
    "plan_published": _shared("plans.PublishedReport"),
    "subject_request": _shared("lifecycle.SubjectRequest"),
}


def values_for(kind: str, obj: Any) -> dict[str, str]:
    """Every path parameter an object of `kind` can fill, by the names the URLs use."""
    pk = str(obj.pk)
    values = {"pk": pk, "id": pk}
    if kind == "case":
        values["code"] = obj.code
    elif kind == "referral":
        values |= {"referral_id": pk, "code": obj.case.code}
    elif kind == "stay":
        values |= {"stay_id": pk, "code": obj.case.code}
    elif kind in ("screening", "public_report"):
        values["reference"] = obj.reference
    elif kind == "task":
        values["task_id"] = pk
    elif kind == "notification":
        values["notification_id"] = pk
    elif kind == "activity":
        from nrm.activities.models import Activity

        other = Activity.objects.exclude(pk=obj.pk).order_by("pk").first()
        values["other"] = str(other.pk if other else obj.pk)
        values["activity_id"] = pk
        from nrm.plans.models import Measure

        measure = Measure.objects.order_by("pk").first()
        if measure is not None:
            values["measure_id"] = str(measure.pk)
    elif kind == "edition":
        values["period"] = obj.period
    elif kind == "section":
        values["period"] = obj.edition.period
    elif kind == "published":
        values |= {"period": obj.edition.period, "number": str(obj.number)}
    elif kind == "assignment":
        values["code"] = obj.case.code
    elif kind in ("plan_goal", "planned_service"):
        values["code"] = obj.plan.case.code
    elif kind == "plan":
        values["key"] = obj.key
    elif kind == "plan_round":
        values |= {"round_id": pk, "key": obj.plan.key}
    elif kind == "plan_report":
        values["report_id"] = pk
    elif kind == "document":
        values |= {"kind": obj.owner_kind, "key": obj.owner_key}
    return values


# --- asking ----------------------------------------------------------------------------------


@dataclass
class Probe:
    """One request of the matrix and what came back."""

    endpoint: Endpoint
    role: str
    method: str
    variant: str  # "own", "other" or "-" (no object)
    url: str
    status: int
    allowed: bool
    wrote: list[str] = field(default_factory=list)
    location: str = ""
    seconds: float = 0.0

    @property
    def success(self) -> bool:
        return 200 <= self.status < 300

    def tolerable(self, rule: Rule) -> bool:
        """A pending deviation of the policy: never a server error nor a refused write."""
        return self.role in rule.pending and self.status < 500 and not self.wrote

    def problem(self) -> str:
        """Why this answer breaks the policy ("" when it does not)."""
        if self.status >= 500:
            return "server error"
        if self.wrote:
            return f"denied request wrote to {sorted(set(self.wrote))}"
        denied = self.status in (401, 403, 404) or "/login/" in self.location
        if self.allowed:
            return "denied although the policy allows it" if denied else ""
        # A redirect elsewhere (back to the record, with a message) reveals nothing.
        if self.success:
            return "answered although not allowed" if self.method == "get" else "write not denied"
        if self.method != "get" and self.status == 422:
            return "validated before the permission check (a refused write answers 403 or 404)"
        return ""

    def line(self) -> str:
        return (
            f"{self.endpoint.surface} {self.endpoint.name} {self.method.upper()} {self.url} "
            f"as {self.role} ({self.variant}): {self.status} {self.problem()}"
        )


def concrete(route: str, values: dict[str, str]) -> str | None:
    """The route with its parameters filled, or None when a value is missing."""
    pattern = r"<(?:\w+:)?(\w+)>|{(\w+)}"
    names = [a or b for a, b in re.findall(pattern, route)]
    if any(name not in values for name in names):
        return None
    return re.sub(pattern, lambda m: values[m.group(1) or m.group(2)], route)


def example_body(operation: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any] | None:
    """A body that passes the operation's schema: every required field with a plain value."""
    content = operation.get("requestBody", {}).get("content", {})
    body_schema = content.get("application/json", {}).get("schema")
    if body_schema is None:
        return None
    value = _example(body_schema, schema, depth=0)
    return value if isinstance(value, dict) else {}


def example_form(operation: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any] | None:
    """A multipart body with every required field; files are a few bytes."""
    content = operation.get("requestBody", {}).get("content", {})
    form_schema = content.get("multipart/form-data", {}).get("schema")
    if form_schema is None:
        return None
    if "$ref" in form_schema:
        form_schema = schema["components"]["schemas"][form_schema["$ref"].rsplit("/", 1)[-1]]
    form: dict[str, Any] = {}
    for name in form_schema.get("required", []):
        node = form_schema.get("properties", {}).get(name, {})
        if node.get("format") == "binary":
            form[name] = SimpleUploadedFile("matrix.xlsx", b"matrix")
        else:
            form[name] = _example(node, schema, depth=1)
    return form


def _example(node: dict[str, Any], schema: dict[str, Any], depth: int) -> Any:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return _example(schema["components"]["schemas"][name], schema, depth + 1)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            options = [o for o in node[key] if o.get("type") != "null"] or node[key]
            return _example(options[0], schema, depth + 1)
    if "enum" in node:
        return node["enum"][0]
    if "default" in node:
        return node["default"]
    kind = node.get("type", "object")
    if kind == "object":
        required = node.get("required", [])
        properties = node.get("properties", {})
        if depth > 6:
            return {}
        return {k: _example(properties[k], schema, depth + 1) for k in required if k in properties}
    if kind == "array":
        return []
    if kind == "integer":
        return 1
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    formats = {
        "uuid": "00000000-0000-4000-8000-000000000000",
        "date": "2024-03-01",
        "date-time": "2024-03-01T10:00:00Z",
        "email": "a@example.org",
    }
    return formats.get(node.get("format", ""), "matrix")


class Asker:
    """Sends the matrix's requests as one persona and records what came back."""

    def __init__(self, role: str, user: Any, schema: dict[str, Any]) -> None:
        self.role = role
        self.user = user
        self.schema = schema
        self.web = Client(raise_request_exception=False)
        self.api = Client(raise_request_exception=False)
        if user is not None:
            from nrm.accounts.services import token_create

            self.web.force_login(user)
            _token, value = token_create(actor=None, user=user, name="matrix")
            self.api = Client(
                raise_request_exception=False, headers={"Authorization": f"Bearer {value}"}
            )

    def objects(self, kind: str) -> list[tuple[str, Any]]:
        if not kind:
            return [("-", None)]
        user = self.user
        if user is None:  # anonymous visitors own nothing: they try the coordinator's records
            from nrm.accounts.models import User

            user = User.objects.get(username=PERSONAS["coordinator"])
        own, other = FILLERS[kind](user)
        return [(variant, obj) for variant, obj in (("own", own), ("other", other)) if obj]

    def ask(self, endpoint: Endpoint, rule: Rule) -> Iterator[Probe]:
        for variant, obj in self.objects(rule.object):
            values = dict(rule.args)
            if obj is not None:
                values = values_for(rule.object, obj) | values
            url = concrete(endpoint.route, values)
            if url is None:
                raise AssertionError(f"{endpoint.name}: no value for a parameter of {values}")
            query = rule.query.format(**values) if rule.query else self._required_query(endpoint)
            if query:
                url = f"{url}?{query}"
            for method in endpoint.methods:
                write = method in UNSAFE
                allowed = rule.allowed(self.role, write=write, own=variant != "other")
                if write and allowed:
                    continue  # writes are probed for denials only: the matrix changes nothing
                yield self._send(endpoint, method, variant, url, allowed)

    def _required_query(self, endpoint: Endpoint) -> str:
        """Plain values for the operation's required query parameters (a period, dates)."""
        if endpoint.surface != "api":
            return ""
        operation = self.schema["paths"][endpoint.route][endpoint.methods[0]]
        names = [
            p["name"]
            for p in operation.get("parameters", [])
            if p["in"] == "query" and p.get("required")
        ]
        return "&".join(f"{name}={QUERY_EXAMPLES.get(name, '1')}" for name in names)

    def _send(self, endpoint: Endpoint, method: str, variant: str, url: str, allowed: bool) -> Any:
        client = self.api if endpoint.surface == "api" else self.web
        kwargs: dict[str, Any] = {}
        if endpoint.surface == "api" and method in UNSAFE and method != "delete":
            operation = self.schema["paths"][endpoint.route][method]
            body = example_body(operation, self.schema)
            if body is not None:
                kwargs = {"data": json.dumps(body), "content_type": "application/json"}
            form = example_form(operation, self.schema)
            if form is not None:
                kwargs = {"data": form}
        started = time.monotonic()
        with CaptureQueriesContext(connection) as queries:
            response = getattr(client, method)(url, **kwargs)
        seconds = time.monotonic() - started
        wrote = []
        if method in UNSAFE and not allowed:
            wrote = [q["sql"] for q in queries.captured_queries if _writes(q["sql"])]
        return Probe(
            endpoint=endpoint,
            role=self.role,
            method=method,
            variant=variant,
            url=url,
            status=response.status_code,
            allowed=allowed,
            wrote=[_table(sql) for sql in wrote],
            location=response.get("Location", ""),
            seconds=seconds,
        )


def _writes(sql: str) -> bool:
    statement = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
    return statement in ("INSERT", "UPDATE", "DELETE") and not any(
        table in sql for table in HARMLESS_WRITES
    )


def _table(sql: str) -> str:
    match = re.search(r'(?:INTO|UPDATE|FROM)\s+"?(\w+)"?', sql, re.IGNORECASE)
    return match.group(1) if match else sql[:60]
