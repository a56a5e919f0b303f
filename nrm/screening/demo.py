"""Fictional screenings and anonymous reports for the demo (`nrm demo`, idempotent).

Ten screenings in every situation (labour, begging, online recruitment, sexual exploitation,
form unknown; adults and children) by five organisations, with each verdict and first-line
outcome; three anonymous reports in each status, with replies. Everything here is invented.
The demo reports' follow-up codes are published in docs/screening.md so that the follow-up
page can be tried.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from nrm.accounts.demo import DemoAccount, ensure_demo_user
from nrm.accounts.models import User
from nrm.core.audit import audit_actor
from nrm.core.roles import Role
from nrm.inbox.services import silenced
from nrm.screening import codes, selectors, services
from nrm.screening.loading import sync_instruments
from nrm.screening.models import (
    MessageKind,
    PublicReport,
    ReportMessage,
    ReportStatus,
    Screening,
)

D = datetime.date

DEMO_ACCOUNTS = [
    DemoAccount("inspector", "fbih_inspect", (Role.FIELD_IDENTIFIER,), "Demo", "Labour Inspector"),
    DemoAccount("policeusk", "mup_usk", (Role.FIELD_IDENTIFIER,), "Demo", "Police Officer"),
    DemoAccount("socialwork", "csw_tuzla", (Role.CASE_WORKER,), "Demo", "Social Worker"),
]


@dataclass(frozen=True)
class DemoScreening:
    reference: str
    username: str
    context: str
    age_group: str
    screened_on: datetime.date
    yes: tuple[str, ...]
    unknown: tuple[str, ...] = ()  # everything else is answered "no" unless `rest` says otherwise
    rest: str = "no"
    municipality: str = ""
    notes: str = ""
    # No graded set for the form: the elements of the definition, (answer, evidence).
    elements: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Question modules answered: {module: {question: answer}}.
    modules: dict[str, dict[str, str]] = field(default_factory=dict)


SCREENINGS = [
    # Foreign construction workers: deceived, overworked, passports and a debt held: trafficking.
    DemoScreening(
        "S-DEMO01",
        "fieldofficer",
        "labour",
        "adult",
        D(2024, 3, 12),
        yes=(
            "d1_deceived_job_type_place_employer",
            "d1_deceived_wages",
            "d4_excessive_hours",
            "d4_low_or_no_pay",
            "d4_bad_living_conditions",
            "d5_documents_confiscated",
            "d5_debt_bondage",
            "d6_unfamiliar_place_language",
        ),
        municipality="bihac",
        notes="Construction site, workers housed in containers (fictional).",
    ),
    # Seasonal farm work: recruitment and conditions clear, the means not yet known.
    DemoScreening(
        "S-DEMO02",
        "inspector",
        "labour",
        "adult",
        D(2024, 6, 4),
        yes=(
            "d1_deceived_working_conditions",
            "d1_deceived_housing",
            "d1_deceived_wages",
            "d4_excessive_hours",
            "d4_bad_living_conditions",
            "d5_wages_withheld",
        ),
        unknown=(
            "d5_documents_confiscated",
            "d5_debt_bondage",
            "d5_threats_violence",
            "d6_dependency_on_exploiters",
            "d6_economic_reasons",
        ),
        municipality="tuzla",
    ),
    # A child begging for an adult who takes the money: the means are not needed for a child.
    DemoScreening(
        "S-DEMO03",
        "socialwork",
        "begging",
        "child",
        D(2024, 9, 18),
        yes=(
            "d3_difficult_family_situation",
            "d3_economic_reasons",
            "d3_control_by_exploiters",
            "d4_excessive_hours",
            "d4_no_access_education",
            "d5_forced_tasks_clients",
        ),
        municipality="tuzla",
    ),
    # An online offer with inflated pay, but nothing else: a single sign is not a finding.
    DemoScreening(
        "S-DEMO04",
        "caseworker",
        "online_recruitment",
        "adult",
        D(2024, 10, 2),
        yes=("d1_deceived_wages", "d3_economic_reasons"),
    ),
    # Sexual exploitation: first-line checklist, several indicators: refer.
    DemoScreening(
        "S-DEMO05",
        "fieldofficer",
        "sexual",
        "adult",
        D(2024, 11, 20),
        yes=("fl02_deception", "fl05_physical_sexual_violence", "fl07_retention_of_documents"),
        unknown=("fl09_debt_bondage",),
        municipality="centar",
        elements={
            "deceptive_recruitment": (
                "yes",
                "Offered work as a waitress abroad by an acquaintance; put to prostitution on "
                "arrival (fictional).",
            ),
            "exploitative_conditions": (
                "yes",
                "Made to see clients every night; keeps none of the money (fictional).",
            ),
            "coercion_at_destination": (
                "yes",
                "Passport taken by the 'manager'; beaten when she refused (fictional).",
            ),
            "vulnerability_recruitment": ("unknown", ""),
        },
    ),
    # A migrant worker met at a check: too little known yet.
    DemoScreening(
        "S-DEMO06",
        "policeusk",
        "labour",
        "adult",
        D(2024, 12, 5),
        yes=("d3_irregular_status", "d4_low_or_no_pay"),
        rest="unknown",
        municipality="bihac",
    ),
    # A 16-year-old recruited online for "training" and put to dangerous work.
    DemoScreening(
        "S-DEMO07",
        "inspector",
        "online_recruitment",
        "child",
        D(2024, 7, 15),
        yes=(
            "d1_deceived_job_type_place_employer",
            "d1_deceived_education",
            "d4_hazardous_work",
            "d4_low_or_no_pay",
            "d4_bad_working_conditions",
        ),
    ),
    # A child in a bar at night: nothing confirmed yet, questions open.
    DemoScreening(
        "S-DEMO08",
        "socialwork",
        "sexual",
        "child",
        D(2024, 12, 12),
        yes=(),
        unknown=("fl01_abuse_of_vulnerability", "fl04_isolation", "fl08_withholding_of_wages"),
        elements={"exploitative_conditions": ("yes", "Seen serving drinks at 2 a.m. (fictional).")},
    ),
    # A woman found at a car wash; nobody yet knows what she was brought for: every set scored.
    DemoScreening(
        "S-DEMO09",
        "policeusk",
        "unknown",
        "adult",
        D(2024, 12, 9),
        yes=(
            "d1_deceived_job_type_place_employer",
            "d1_deceived_wages",
            "d4_excessive_hours",
            "d4_low_or_no_pay",
            "d5_isolation_confinement_surveillance",
            "d5_documents_confiscated",
        ),
        municipality="centar",
    ),
    # A migrant met at a reception centre, recruited through a messaging app to a farm: the
    # module questions carry into the Delphi indicators.
    DemoScreening(
        "S-DEMO10",
        "inspector",
        "online_recruitment",
        "adult",
        D(2024, 11, 28),
        yes=("d4_excessive_hours", "d4_bad_living_conditions"),
        modules={
            "online-recruitment": {
                "or01_online_job_different": "yes",
                "or04_contract_differs": "yes",
            },
            "migrant-labour": {
                "mi01_work_without_permit": "yes",
                "mi02_debt_to_smuggler": "yes",
                "mi03_documents_held": "yes",
                "mi07_reception_centre_offer": "yes",
            },
        },
        municipality="bihac",
        notes="Approached outside a reception centre; farm work (fictional).",
    ),
]


@dataclass(frozen=True)
class DemoReport:
    reference: str
    code: str
    received_on: datetime.date
    context: str
    reporter_role: str
    child_involved: str
    municipality: str
    description: str
    status: str = ReportStatus.NEW
    assignee: str = ""
    # (kind, author username or "", text)
    messages: tuple[tuple[str, str, str], ...] = field(default=())


REPORTS = [
    DemoReport(
        "R-DEMO01",
        "DEMQ-7K2M-XR4P-0001",
        D(2024, 11, 4),
        "labour",
        "witness",
        "no",
        "bihac",
        "Workers at a building site near the bus station sleep in containers on the site. "
        "One of them told me the foreman keeps their passports. (fictional demo report)",
        ReportStatus.IN_PROGRESS,
        "policeusk",
        (
            (
                "reply",
                "policeusk",
                "Thank you. The police will check the site. If you learn "
                "more, please add it here with your code.",
            ),
            ("note", "policeusk", "Site inspection planned with the labour inspectorate."),
            ("reporter", "", "A van takes the workers away every morning at 5."),
        ),
    ),
    DemoReport(
        "R-DEMO02",
        "DEMQ-7K2M-XR4P-0002",
        D(2024, 12, 2),
        "online_recruitment",
        "self",
        "no",
        "",
        "I was offered waitressing work in Germany through a social media page. They ask me "
        "to pay 300 EUR for the visa and to send a scan of my passport and photos. "
        "(fictional demo report)",
    ),
    DemoReport(
        "R-DEMO03",
        "DEMQ-7K2M-XR4P-0003",
        D(2024, 8, 19),
        "begging",
        "witness",
        "yes",
        "tuzla",
        "Three small children beg at the traffic lights every day; in the evening a man "
        "collects the money from them. (fictional demo report)",
        ReportStatus.CLOSED,
        "coordinator",
        (
            (
                "reply",
                "coordinator",
                "Thank you. The centre for social work and the police "
                "have visited the children and their family. We close this report; you can still "
                "add information with your code.",
            ),
        ),
    ),
]


def _answers(item: DemoScreening, instrument_key: str, set_ids: tuple[str, ...]) -> dict[str, str]:
    from nrm.screening.selectors import current_instrument

    _row, instrument = current_instrument(instrument_key)
    answers = {i.id: item.rest for s in set_ids for i in instrument.indicators_in(s)}
    answers.update(dict.fromkeys(item.unknown, "unknown"))
    answers.update(dict.fromkeys(item.yes, "yes"))
    return answers


def _load_screenings(users: dict[str, User]) -> None:
    for item in SCREENINGS:
        if Screening.objects.filter(reference=item.reference).exists():
            continue
        choice = selectors.screening_plan(item.context, item.age_group)
        assert choice is not None
        elements = {e: {"answer": a, "evidence": t} for e, (a, t) in item.elements.items()}
        services.screening_create(
            actor=users[item.username],
            instrument=choice.instrument,
            set_id=choice.set_id,
            also_sets=choice.sets[1:],
            elements=elements if choice.elements_checklist else None,
            modules=item.modules or None,
            answers=_answers(item, choice.instrument, choice.sets),
            context=item.context,
            age_group=item.age_group,
            screened_on=item.screened_on,
            municipality=item.municipality or None,
            notes=item.notes,
            reference=item.reference,
        )


def _load_reports(users: dict[str, User]) -> None:
    with audit_actor(None, via="demo data"):
        for item in REPORTS:
            if PublicReport.objects.filter(reference=item.reference).exists():
                continue
            assignee = users.get(item.assignee)
            report = PublicReport.objects.create(
                reference=item.reference,
                code_digest=codes.code_digest(item.code),
                received_on=item.received_on,
                context=item.context,
                reporter_role=item.reporter_role,
                child_involved=item.child_involved,
                municipality_id=item.municipality or None,
                description=item.description,
                status=item.status,
                assigned_to=assignee,
                assigned_organisation=assignee.organisation if assignee else None,
                awaiting_reply=not item.messages or item.messages[-1][0] == "reporter",
                closed_on=item.received_on + datetime.timedelta(days=9)
                if item.status == ReportStatus.CLOSED
                else None,
            )
            for day, (kind, author, text) in enumerate(item.messages, start=1):
                message = ReportMessage.objects.create(
                    report=report,
                    kind=MessageKind(kind),
                    author=users.get(author) if author else None,
                    text=text,
                )
                # Date the demo thread after the report, as if it had happened then.
                moment = timezone.make_aware(
                    datetime.datetime.combine(item.received_on, datetime.time(10, 30))
                ) + datetime.timedelta(days=day)
                ReportMessage.objects.filter(pk=message.pk).update(created_at=moment)


def load_demo() -> None:
    sync_instruments()
    for account in DEMO_ACCOUNTS:
        ensure_demo_user(account)
    usernames = {s.username for s in SCREENINGS} | {r.assignee for r in REPORTS if r.assignee}
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    with silenced():  # the inbox's demo tells of the recent ones
        _load_screenings(users)
        _load_reports(users)
