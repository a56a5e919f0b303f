"""Fictional victim cases for the demo (`nrm demo`, idempotent).

The 37 cases identified in 2024 reproduce every figure of the bulletin's "Statistical data for
2024": 16 female and 21 male; 12 adults (7 male, 5 female) and 25 minors (11 female, 14 male);
12 begging, 6 sexual, 8 labour and 10 other forms, and one victim whose form was not recorded;
24 citizens of BiH and 13 foreigners (1 Russian, 8 Turkish, 2 Croatian, 1 Afghan, 1 German);
24 victims in safe houses during 2024 (22 identified in 2024, 2 in 2023 and still housed).
The Women's Rights Centre delivers 74 legal services from July to December 2024. Cases of
other years, pending and declined referrals and an access request make the pages worth a look.

Every person here is invented: the names are made of common first names and surnames that
mean "example" or "test"; the birth dates are derived from the ages.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from nrm.accounts.demo import DemoAccount, ensure_demo_user
from nrm.accounts.models import Organisation, User
from nrm.accounts.reference import organisation_by_key
from nrm.cases import services
from nrm.cases.demo_casework import load_casework
from nrm.cases.models import Referral, VictimCase
from nrm.core.audit import audit_actor
from nrm.core.roles import Role
from nrm.inbox.services import silenced

D = datetime.date
SEED = 2024

DEMO_ACCOUNTS = [
    DemoAccount("legalaid", "wrc", (Role.CASE_WORKER,), "Demo", "Legal Aid"),
    DemoAccount("lara", "lara", (Role.CASE_WORKER,), "Demo", "Lara Case Worker"),
    DemoAccount("socialwork", "csw_tuzla", (Role.CASE_WORKER,), "Demo", "Social Worker"),
    DemoAccount("mobileteam", "mit_usk", (Role.FIELD_IDENTIFIER,), "Demo", "Mobile Team"),
]

FIRST_NAMES = {
    "BA": {
        "female": ["Amra", "Lejla", "Selma", "Jovana", "Ivana", "Emina", "Sara", "Dženana"],
        "male": ["Amar", "Haris", "Nikola", "Adnan", "Marko", "Edin", "Tarik", "Stefan"],
    },
    "TR": {"female": ["Elif", "Zeynep"], "male": ["Mehmet", "Emre", "Murat", "Yusuf", "Can"]},
    "RU": {"female": ["Olga", "Irina"], "male": ["Ivan"]},
    "HR": {"female": ["Marija", "Ana"], "male": ["Josip", "Luka"]},
    "AF": {"female": ["Zahra"], "male": ["Ahmad", "Farid"]},
    "DE": {"female": ["Lena", "Mia"], "male": ["Jonas"]},
}
# Surnames that mean "example", "test" or "invented": nobody's real name.
SURNAMES = {
    "BA": ["Primjerić", "Testović", "Izmišljić", "Uzorković", "Probić", "Fiktić", "Demović"],
    "TR": ["Örnekoğlu", "Denemeci"],
    "RU": ["Primerova"],
    "HR": ["Primjerac", "Oglednić"],
    "AF": ["Misali"],
    "DE": ["Beispiel", "Muster"],
}


@dataclass(frozen=True)
class Group:
    """Cases of 2024 that share sex, age group, form and citizenships."""

    sex: str
    minor: bool
    form: str | None
    citizenships: tuple[str, ...]
    in_shelter: int  # how many of them are housed in a safe house


GROUPS_2024 = [
    Group("female", False, "sexual", ("RU", "BA", "BA"), 2),
    Group("female", False, "begging", ("HR",), 0),
    Group("female", False, "labour", ("BA",), 0),
    Group("female", True, "sexual", ("BA", "BA", "BA"), 3),
    Group("female", True, "begging", ("BA", "BA", "BA", "BA"), 4),
    Group("female", True, "other", ("DE", "BA", "BA"), 3),
    Group("female", True, None, ("BA",), 1),  # the victim whose form was not recorded
    Group("male", False, "begging", ("HR",), 0),
    Group("male", False, "labour", ("TR",) * 5, 0),
    Group("male", False, "other", ("TR",), 0),
    Group("male", True, "begging", ("BA",) * 6, 4),
    Group("male", True, "labour", ("TR", "TR"), 0),
    Group("male", True, "other", ("AF", "BA", "BA", "BA", "BA", "BA"), 5),
]

# Who identifies which kind of case.
IDENTIFIERS = {
    "sexual": ["sipa", "mup_ks", "mup_rs"],
    "begging": ["mup_ks", "mup_tk", "bd_police", "mup_usk"],
    "labour": ["fbih_inspect", "sfa", "border_police"],
    "other": ["sipa", "mit_usk", "mup_tk", "mup_rs"],
    None: ["mup_usk"],
}
MUNICIPALITIES = {
    "sipa": "centar",
    "mup_ks": "centar",
    "mup_rs": "banja-luka",
    "mup_tk": "tuzla",
    "bd_police": "brcko",
    "mup_usk": "bihac",
    "fbih_inspect": "mostar",
    "sfa": "novi-grad-fbih",
    "border_police": "velika-kladusa",
    "mit_usk": "cazin",
}
SAFE_HOUSES = ["emmaus", "emmaus", "lara", "medica", "emmaus"]
# The referring officers' notes on the referrals still waiting for the safe house's answer.
NOTES = {
    "V-2026-0001": "Girl, 17, needs safe accommodation tonight. Officer on duty: call SIPA.",
    "V-2026-0003": "Girl, 14, placed with a relative for now; a place is needed within the week.",
}


class Loader:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)  # noqa: S311  (reproducible demo data, no secrets)
        self.orgs: dict[str, Organisation] = {}
        self.users: dict[str, User] = {}
        self.created = 0

    def org(self, key: str) -> Organisation:
        if key not in self.orgs:
            self.orgs[key] = organisation_by_key(key)
        return self.orgs[key]

    def name(self, citizenship: str, sex: str) -> tuple[str, str]:
        country = citizenship if citizenship in FIRST_NAMES else "BA"
        first = self.rng.choice(FIRST_NAMES[country][sex if sex in ("female", "male") else "male"])
        return first, self.rng.choice(SURNAMES[country])

    def birth_date(self, identified_on: datetime.date, age: int) -> datetime.date:
        """A birth date giving exactly `age` whole years on `identified_on`."""
        days_after_birthday = self.rng.randint(1, 360)
        last_birthday = _years_before(identified_on, age)
        return (
            last_birthday - datetime.timedelta(days=days_after_birthday)
            if age
            else (identified_on - datetime.timedelta(days=self.rng.randint(30, 300)))
        )


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _exists(code: str) -> bool:
    return VictimCase.objects.filter(code=code).exists()


def load_demo() -> None:
    loader = Loader()
    for account in DEMO_ACCOUNTS:
        loader.users[account.username] = ensure_demo_user(account)
    for username in ("caseworker", "fieldofficer", "coordinator"):
        loader.users[username] = User.objects.get(username=username)
    # Past events notify nobody (the inbox's demo tells of the recent ones); accepted
    # referrals of the past need no "first contact" task either.
    with audit_actor(None, via="demo data"), silenced():
        _load_2023(loader)
        _load_2024(loader)
        _load_later_years(loader)
        load_casework()


# 2024: the bulletin's year ------------------------------------------------------------------


def _load_2024(loader: Loader) -> None:
    if _exists("V-2024-0001"):
        return  # loaded before (`nrm demo` loads each app's data in one transaction)
    rng = loader.rng
    cases: list[dict[str, Any]] = []
    for group in GROUPS_2024:
        for index, citizenship in enumerate(group.citizenships):
            cases.append(
                {
                    "group": group,
                    "citizenship": citizenship,
                    "shelter": index < group.in_shelter,
                }
            )
    days = sorted(rng.sample(range(5, 350), len(cases)))
    order = list(range(len(cases)))
    rng.shuffle(order)
    legal_aid_cases: list[tuple[VictimCase, Referral | None]] = []
    for number, position in enumerate(order, start=1):
        spec = cases[position]
        group = spec["group"]
        identified_on = D(2024, 1, 1) + datetime.timedelta(days=days[number - 1])
        code = f"V-2024-{number:04d}"
        age = rng.randint(9, 17) if group.minor else rng.randint(19, 44)
        if number == 5:  # identified on the 18th birthday: an adult
            age = 18 if not group.minor else age
        case = _record_case(loader, code, identified_on, group, spec["citizenship"], age, number)
        if spec["shelter"]:
            referral = _shelter(loader, case, identified_on, number)
            if group.sex == "female" or number % 4 == 0:
                legal_aid_cases.append((case, referral))
        elif number % 6 == 0:
            legal_aid_cases.append((case, None))
    _legal_aid_2024(loader, legal_aid_cases)
    for code in ("V-2024-0010", "V-2024-0025"):  # identified, then closed after reintegration
        case = VictimCase.objects.get(code=code)
        if case.status == "identified":
            services.case_decide(
                actor=None,
                case=case,
                to_status="closed",
                decided_on=D(2025, 3, 1),
                reason="Reintegration completed; the person returned to the family.",
                authority=case.organisation,
            )


def _record_case(
    loader: Loader,
    code: str,
    identified_on: datetime.date,
    group: Group,
    citizenship: str,
    age: int,
    number: int,
) -> VictimCase:
    rng = loader.rng
    identifier = rng.choice(IDENTIFIERS[group.form])
    first, last = loader.name(citizenship, group.sex)
    # Foreign minors often arrive without documents: their age is stated, not a birth date.
    stated_age = citizenship in ("AF", "TR") or number % 9 == 0
    birth_date = None if stated_age else loader.birth_date(identified_on, age)
    if number == 5 and age == 18:
        birth_date = _years_before(identified_on, 18)
    status = "identified" if number % 5 == 0 else "potential"
    actor = loader.users["fieldofficer"] if identifier == "sipa" else None
    case = services.case_create(
        actor=actor,
        code=code,
        identified_on=identified_on,
        status=status,
        organisation=None if actor else loader.org(identifier),
        sex=group.sex,
        birth_date=birth_date,
        age=age if stated_age else None,
        citizenship=citizenship,
        municipality=MUNICIPALITIES[identifier],
        exploitation=[group.form] if group.form else [],
        trafficking_scope="internal" if citizenship == "BA" else "transnational",
        means_of_control=rng.sample(
            [
                "psychological_abuse",
                "restricts_movement",
                "takes_earnings",
                "false_promises",
                "withholds_documents",
                "debt_bondage",
                "physical_threats",
            ],
            k=rng.randint(0, 3),
        ),
        recruitment=rng.sample(["family", "friends", "online_social_networks", "at_work"], k=1),
        first_name=first,
        last_name=last,
        languages=["bosanski"] if citizenship == "BA" else [citizenship.lower()],
        reason="Indicators of trafficking found during the interview.",
        consent_data_processing=True,
        consent_referral=number % 11 != 0,
    )
    return case


def _shelter(
    loader: Loader, case: VictimCase, identified_on: datetime.date, number: int
) -> Referral:
    """Refer to a safe house, which accepts; the stay starts on the day of referral."""
    house_key = SAFE_HOUSES[number % len(SAFE_HOUSES)]
    if case.sex == "female" and not case.is_minor:
        house_key = "medica"
    referred_on = identified_on + datetime.timedelta(days=loader.rng.randint(0, 2))
    if case.sex == "male" and not Referral.objects.filter(status="declined").exists():
        # The first boy to be housed was first referred to a house that had no place.
        declined = _refer(loader, case, "lara", "shelter", referred_on)
        services.referral_decline(
            actor=loader.users["lara"],
            referral=declined,
            reason="No free place for a boy.",
            on=referred_on,
        )
        house_key = "emmaus"
    referral = _refer(loader, case, house_key, "shelter", referred_on)
    worker = (
        loader.users["caseworker"]
        if house_key == "emmaus"
        else (loader.users["lara"] if house_key == "lara" else None)
    )
    services.referral_accept(
        actor=worker, referral=referral, on=referred_on, with_first_contact_task=False
    )
    length = loader.rng.randint(20, 200)
    end = referred_on + datetime.timedelta(days=length)
    ongoing = number in (3, 17, 31)
    stay = services.stay_record(
        actor=worker,
        case=case,
        start=referred_on,
        end=None if ongoing else min(end, D(2025, 6, 30)),
        safe_house=None if worker else loader.org(house_key),
        referral=referral,
    )
    if stay.end is not None:
        services.referral_complete(actor=worker, referral=referral, completed_on=stay.end)
    for offset in (3, 17, 40):
        day = referred_on + datetime.timedelta(days=offset)
        if stay.end is None or day <= stay.end:
            services.service_record(
                actor=worker,
                case=case,
                service_type="psychological_support" if offset != 17 else "medical_care",
                delivered_on=day,
                count=loader.rng.randint(1, 4),
                provider=None if worker else loader.org(house_key),
                referral=referral,
            )
    if case.is_minor and number % 3 == 0:
        services.guardian_appoint(
            actor=None,
            case=case,
            name="Amela Starateljić",
            relationship="appointed by the centre for social work",
            organisation=loader.org("csw_tuzla"),
            appointed_on=referred_on,
        )
    return referral


def _refer(
    loader: Loader,
    case: VictimCase,
    to_key: str,
    service_type: str,
    on: datetime.date,
    note: str = "Please contact the referring officer.",
    urgent: bool = False,
) -> Referral:
    consent = services.consent_in_force(case, "referral") is not None
    referral = services.referral_create(
        actor=None,
        case=case,
        from_organisation=case.organisation,
        to_organisation=loader.org(to_key),
        service_type=service_type,
        referred_on=on,
        override_reason="" if consent else "Immediate danger to a child; consent to be sought.",
        note=note,
        urgent=urgent,
    )
    # Recorded on the day it was made (the response time counts from then), in office hours.
    recorded = timezone.make_aware(datetime.datetime.combine(on, datetime.time(9, 30)))
    Referral.objects.filter(pk=referral.pk).update(created_at=recorded, updated_at=recorded)
    referral.created_at = recorded
    return referral


def _legal_aid_2024(loader: Loader, cases: list[tuple[VictimCase, Referral | None]]) -> None:
    """The Women's Rights Centre takes on legal aid: 74 legal services from July to December
    2024 (the bulletin's figure), and more in the first half of the year."""
    lawyer = loader.users["legalaid"]
    second_half = [18, 9, 12, 7, 10, 8, 6, 4]  # 74 in total
    accepted = []
    for case, _shelter_referral in cases[: len(second_half)]:
        referred_on = (case.identified_on or D(2024, 1, 1)) + datetime.timedelta(days=5)
        referral = _refer(loader, case, "wrc", "legal_aid", referred_on)
        services.referral_accept(
            actor=lawyer, referral=referral, on=referred_on, with_first_contact_task=False
        )
        accepted.append((case, referral, referred_on))
    for (case, referral, referred_on), total in zip(accepted, second_half, strict=True):
        start = max(referred_on, D(2024, 7, 1))
        first = total // 2
        for count, day in (
            (first, start + datetime.timedelta(days=10)),
            (total - first, D(2024, 12, 10)),
        ):
            if count:
                services.service_record(
                    actor=lawyer,
                    case=case,
                    service_type="legal_aid",
                    delivered_on=day,
                    count=count,
                    referral=referral,
                )
        if referred_on < D(2024, 6, 20):
            services.service_record(
                actor=lawyer,
                case=case,
                service_type="legal_aid",
                delivered_on=referred_on + datetime.timedelta(days=7),
                count=3,
                referral=referral,
            )
        services.service_record(
            actor=lawyer,
            case=case,
            service_type="psychological_support",
            delivered_on=D(2024, 11, 20),
            count=2,
            referral=referral,
        )


# Other years --------------------------------------------------------------------------------


def _load_2023(loader: Loader) -> None:
    """Six cases of 2023; two of them still in a safe house in 2024 (they count in 2024's
    `in_shelter`, not in its victims)."""
    specs = [
        ("female", 16, "sexual", "BA", "mup_ks", (D(2023, 10, 2), D(2024, 3, 15))),
        ("male", 14, "begging", "BA", "mup_tk", (D(2023, 11, 20), D(2024, 2, 1))),
        ("male", 33, "labour", "RS", "fbih_inspect", None),
        ("female", 24, "marriage", "BA", "mup_rs", None),
        ("male", 12, "criminality", "BA", "bd_police", None),
        ("female", 29, "domestic_servitude", "UA", "sfa", None),
    ]
    for number, (sex, age, form, citizenship, identifier, stay) in enumerate(specs, start=1):
        code = f"V-2023-{number:04d}"
        if _exists(code):
            continue
        identified_on = D(2023, 2 + number, 10 + number)
        if stay:
            identified_on = stay[0] - datetime.timedelta(days=3)
        first, last = loader.name(citizenship, sex)
        case = services.case_create(
            actor=None,
            code=code,
            identified_on=identified_on,
            status="identified",
            organisation=loader.org(identifier),
            sex=sex,
            birth_date=loader.birth_date(identified_on, age),
            citizenship=citizenship,
            municipality=MUNICIPALITIES.get(identifier, ""),
            exploitation=[form],
            trafficking_scope="internal" if citizenship == "BA" else "transnational",
            first_name=first,
            last_name=last,
            consent_data_processing=True,
            consent_referral=True,
        )
        if stay:
            referral = _refer(loader, case, "emmaus", "shelter", stay[0])
            worker = loader.users["caseworker"]
            services.referral_accept(
                actor=worker, referral=referral, on=stay[0], with_first_contact_task=False
            )
            services.stay_record(
                actor=worker, case=case, start=stay[0], end=stay[1], referral=referral
            )
            services.referral_complete(actor=worker, referral=referral, completed_on=stay[1])


def _load_later_years(loader: Loader) -> None:
    """2025 and 2026: the mechanism goes on. A report awaiting assessment, referrals still
    waiting for an answer, a person recorded twice, and a coordinator's access request."""
    rng = loader.rng
    specs: list[tuple[str, str, int, list[str], str, str, datetime.date | None, str]] = [
        ("V-2025-0001", "female", 15, ["sexual"], "BA", "sipa", D(2025, 1, 14), "identified"),
        ("V-2025-0002", "male", 34, ["labour"], "TR", "fbih_inspect", D(2025, 2, 3), "potential"),
        (
            "V-2025-0003",
            "male",
            11,
            ["begging", "criminality"],
            "BA",
            "mup_tk",
            D(2025, 3, 22),
            "potential",
        ),
        (
            "V-2025-0004",
            "female",
            19,
            ["sexual", "marriage"],
            "BA",
            "mup_rs",
            D(2025, 5, 9),
            "identified",
        ),
        ("V-2025-0005", "female", 27, ["labour"], "PH", "sfa", D(2025, 6, 30), "potential"),
        ("V-2025-0006", "male", 16, ["other"], "AF", "mit_usk", D(2025, 8, 17), "potential"),
        ("V-2025-0007", "female", 13, ["begging"], "BA", "bd_police", D(2025, 10, 2), "potential"),
        ("V-2026-0001", "female", 17, ["sexual"], "BA", "sipa", D(2026, 2, 11), "potential"),
        ("V-2026-0002", "male", 40, ["labour"], "NP", "border_police", D(2026, 4, 27), "potential"),
        (
            "V-2026-0003",
            "female",
            14,
            ["domestic_servitude"],
            "BA",
            "mup_ks",
            D(2026, 9, 8),
            "potential",
        ),
        ("V-2026-0004", "male", 15, [], "BA", "mup_usk", None, "reported"),
    ]
    for code, sex, age, forms, citizenship, identifier, identified_on, status in specs:
        if _exists(code):
            continue
        first, last = loader.name(citizenship, sex)
        birth_date: datetime.date | None = loader.birth_date(identified_on or D(2026, 10, 1), age)
        if code == "V-2026-0003":  # the same person as V-2023-0001: a possible duplicate
            first, last, birth_date = _person_of("V-2023-0001")
        actor = loader.users["fieldofficer"] if identifier == "sipa" else None
        case = services.case_create(
            actor=actor,
            code=code,
            identified_on=identified_on,
            reported_on=D(2026, 11, 2) if identified_on is None else None,
            status=status,
            organisation=None if actor else loader.org(identifier),
            sex=sex,
            birth_date=birth_date,
            citizenship=citizenship,
            municipality=MUNICIPALITIES[identifier],
            exploitation=forms,
            trafficking_scope="internal" if citizenship == "BA" else "transnational",
            first_name=first,
            last_name=last,
            consent_data_processing=True,
            consent_referral=True if identified_on else None,
            reason="Reported by a school." if status == "reported" else "Indicators confirmed.",
        )
        if identified_on is None:
            continue
        if code in ("V-2026-0001", "V-2026-0003"):  # waiting for the safe house's answer
            urgent = code == "V-2026-0001"
            _refer(
                loader,
                case,
                "emmaus",
                "shelter",
                identified_on + datetime.timedelta(days=1),
                note=NOTES[code],
                urgent=urgent,
            )
            _refer(loader, case, "wrc", "legal_aid", identified_on + datetime.timedelta(days=2))
        elif case.is_minor or code == "V-2025-0004":
            house = "lara" if identifier in ("mup_rs", "bd_police") else "emmaus"
            worker = loader.users["lara" if house == "lara" else "caseworker"]
            referral = _refer(loader, case, house, "shelter", identified_on)
            services.referral_accept(
                actor=worker, referral=referral, on=identified_on, with_first_contact_task=False
            )
            end = identified_on + datetime.timedelta(days=rng.randint(60, 150))
            services.stay_record(
                actor=worker,
                case=case,
                start=identified_on,
                end=end if end < D(2026, 11, 1) else None,
                referral=referral,
            )
            services.service_record(
                actor=worker,
                case=case,
                service_type="psychological_support",
                delivered_on=identified_on + datetime.timedelta(days=4),
                count=3,
                referral=referral,
            )
            social = _refer(
                loader,
                case,
                "csw_tuzla",
                "social_protection",
                identified_on + datetime.timedelta(days=3),
            )
            services.referral_accept(
                actor=loader.users["socialwork"],
                referral=social,
                on=identified_on + datetime.timedelta(days=5),
                with_first_contact_task=False,
            )
    _coordinator_asks_for_access(loader)


def _person_of(code: str) -> tuple[str, str, datetime.date | None]:
    person = VictimCase.objects.select_related("person").get(code=code).person
    return person.first_name, person.last_name, person.birth_date


def _coordinator_asks_for_access(loader: Loader) -> None:
    """The coordinator asked SIPA to see who the person of V-2025-0001 is (still waiting)."""
    case = VictimCase.objects.get(code="V-2025-0001")
    coordinator = loader.users["coordinator"]
    if not case.access_grants.exists():
        grant = services.access_grant_request(
            actor=coordinator,
            case=case,
            reason="The prosecutor's office asks the State Coordinator to confirm the victim's "
            "identity for a compensation claim.",
        )
        # Asked a few days before the demo's day.
        asked = timezone.now() - datetime.timedelta(days=4, hours=3)
        type(grant).objects.filter(pk=grant.pk).update(created_at=asked, updated_at=asked)
