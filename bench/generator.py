"""A synthetic history of N victim cases over ten years (2015-2024), loaded in bulk.

Every row is one the services would write (nrm.cases.services): codes V-YYYY-NNNN numbered per
year of identification in the order of identification, with code_year and code_number; the age
group computed from the age, the age from the birth date on the date of identification;
names, birth dates and notes encrypted and the person's blind index computed as `case_create`
computes them; decisions that follow the identification workflow; consent before referrals
(or an override with a reason); services and shelter stays only on accepted referrals.
Audit entries are not written: no list or statistic reads them.

Distributions (fictional, shaped like the State Coordinator's bulletins): more recent years
heavier; 55% female; a third minors; one or two forms of exploitation, 8% not recorded;
most referrals go to three safe houses (half of them to IFS-EMMAUS, whose case worker
`bench.caseworker` therefore sees many cases by referral), centres for social work, NGOs and
legal-aid providers. The cast: the reference organisations, `bench.coordinator` (Ministry of
Security), `bench.caseworker` (IFS-EMMAUS), `bench.field` (the mobile identification team of
Una-Sana Canton, who recorded that team's cases) and one user per other organisation.

Generation is chunked (CHUNK cases with all their rows at a time, one transaction each), so
memory stays flat at a million cases, and seeded: chunk i draws from Random((seed, i)).
"""

from __future__ import annotations

import bisect
import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from bench.bulk import Table, next_id, reset_sequences

GENERATOR_VERSION = 1
FIRST_YEAR, LAST_YEAR = 2015, 2024
# The history ends here: later decisions, answers and stays are dated no later than this, so
# the data do not depend on the day they are generated.
AS_OF = datetime.date(2025, 6, 30)
CHUNK = 5_000
MARKER_TABLE = "bench_dataset"

# Year weights: each year a little heavier than the one before (6 for 2015 ... 15 for 2024).
YEAR_WEIGHTS = {year: 6 + (year - FIRST_YEAR) for year in range(FIRST_YEAR, LAST_YEAR + 1)}

SEXES = (("female", 55), ("male", 42), ("other", 0.5), ("unknown", 2.5))
FORMS = (
    ("sexual", 35),
    ("labour", 25),
    ("begging", 18),
    ("criminality", 6),
    ("marriage", 5),
    ("domestic_servitude", 5),
    ("organ_removal", 0.5),
    ("other", 5.5),
)
CITIZENSHIPS = (
    ("BA", 62), ("RS", 4), ("HR", 3), ("TR", 5), ("AF", 4), ("PK", 3), ("SY", 2), ("MA", 2),
    ("DZ", 1), ("RU", 1), ("DE", 1), ("AL", 2), ("UA", 2), ("BD", 1), ("IN", 1), ("NP", 1),
    ("", 5),
)  # fmt: skip
# Identifying organisations (keys of nrm/accounts/data/organisations.yaml) and their weights.
IDENTIFIERS = (
    ("sipa", 12), ("border_police", 8), ("sfa", 6), ("fmup", 6), ("fbih_inspect", 5),
    ("mup_ks", 10), ("mup_usk", 10), ("mup_tk", 9), ("mup_rs", 12), ("rs_inspect", 3),
    ("bd_police", 5), ("mit_usk", 4), ("csw_sarajevo", 3), ("csw_tuzla", 2),
    ("csw_banjaluka", 2), ("csw_bihac", 2), ("csw_brcko", 1),
)  # fmt: skip
# Referrals: the service asked for, and who provides it (weights).
SERVICES = (
    ("shelter", 30), ("psychological_support", 20), ("legal_aid", 15),
    ("social_protection", 15), ("reintegration", 10), ("medical_care", 6), ("return", 4),
)  # fmt: skip
PROVIDERS: dict[str, tuple[tuple[str, float], ...]] = {
    "shelter": (("emmaus", 50), ("lara", 25), ("medica", 25)),
    "psychological_support": (
        ("emmaus", 30), ("lara", 10), ("medica", 10), ("zemlja_djece", 10), ("dignitet", 10),
        ("novi_pocetak", 10), ("csw_sarajevo", 5), ("csw_tuzla", 5), ("csw_banjaluka", 5),
        ("csw_bihac", 5),
    ),
    "legal_aid": (("wrc", 50), ("hrc_mostar", 20), ("fla_hnk", 20), ("unhcr", 10)),
    "social_protection": (
        ("csw_sarajevo", 25), ("csw_tuzla", 20), ("csw_bihac", 15), ("csw_banjaluka", 20),
        ("csw_brcko", 10), ("zemlja_djece", 10),
    ),
    "reintegration": (
        ("emmaus", 30), ("lara", 10), ("zemlja_djece", 15), ("dignitet", 15),
        ("novi_pocetak", 10), ("world_vision", 10), ("iom", 10),
    ),
    "medical_care": (("emmaus", 40), ("medica", 40), ("iom", 20)),
    "return": (("sfa", 30), ("iom", 50), ("unhcr", 20)),
}  # fmt: skip
CLOSURE_REASONS = (
    ("recovered", 45), ("returned", 20), ("transferred", 10), ("lost_contact", 15),
    ("died", 1), ("no_consent", 9),
)  # fmt: skip
MEANS = (
    "physical_threats", "debt_bondage", "false_promises", "physical_abuse", "sexual_abuse",
    "takes_earnings", "restricts_movement", "withholds_documents", "psychological_abuse",
)  # fmt: skip
RECRUITMENT = ("online_social_networks", "family", "friends", "intimate_partner", "at_work")
FIRST_NAMES = {
    "female": ("Amra", "Lejla", "Selma", "Jovana", "Ivana", "Emina", "Sara", "Dženana", "Elif",
               "Zeynep", "Olga", "Marija", "Ana", "Zahra", "Lena", "Mia", "Aida", "Nina"),
    "male": ("Amar", "Haris", "Nikola", "Adnan", "Marko", "Edin", "Tarik", "Stefan", "Mehmet",
             "Emre", "Ivan", "Josip", "Luka", "Ahmad", "Farid", "Jonas", "Kenan", "Petar"),
}  # fmt: skip
# Surnames that mean "example", "test" or "invented" (as in the demo): nobody's real name.
SURNAMES = (
    "Primjerić", "Testović", "Izmišljić", "Uzorković", "Probić", "Fiktić", "Demović",
    "Örnekoğlu", "Denemeci", "Primerova", "Primjerac", "Oglednić", "Misali", "Beispiel",
    "Muster", "Oglednović", "Probni", "Uzorak",
)  # fmt: skip
ROLE_USERS = {
    "bench.coordinator": ("mos", "coordinator"),
    "bench.caseworker": ("emmaus", "case_worker"),
    "bench.field": ("mit_usk", "field_identifier"),
}


def _weighted(pairs: Any) -> tuple[list[Any], list[float]]:
    values = [v for v, _ in pairs]
    cumulative: list[float] = []
    total = 0.0
    for _, weight in pairs:
        total += weight
        cumulative.append(total)
    return values, cumulative


class Picker:
    """Weighted choices from precomputed cumulative weights (faster than rng.choices)."""

    def __init__(self, pairs: Any) -> None:
        self.values, self.cumulative = _weighted(pairs)
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect(self.cumulative, rng.random() * self.total)]


SEX = Picker(SEXES)
FORM = Picker(FORMS)
CITIZENSHIP = Picker(CITIZENSHIPS)
IDENTIFIER = Picker(IDENTIFIERS)
SERVICE = Picker(SERVICES)
PROVIDER = {service: Picker(pairs) for service, pairs in PROVIDERS.items()}
CLOSURE = Picker(CLOSURE_REASONS)


# The years ---------------------------------------------------------------------------------


def year_counts(cases: int) -> dict[int, int]:
    """How many cases each year gets (largest remainders, so that they add up to `cases`)."""
    total = sum(YEAR_WEIGHTS.values())
    exact = {year: cases * weight / total for year, weight in YEAR_WEIGHTS.items()}
    counts = {year: int(value) for year, value in exact.items()}
    short = cases - sum(counts.values())
    for year in sorted(exact, key=lambda y: (counts[y] - exact[y], -y))[:short]:
        counts[year] += 1
    return counts


@dataclass(frozen=True)
class Timeline:
    """Case k of N (0-based, in the order of identification) -> its year and number."""

    counts: dict[int, int]
    starts: list[int] = field(default_factory=list)  # the first k of each year
    years: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, cases: int) -> Timeline:
        counts = year_counts(cases)
        starts, years, k = [], [], 0
        for year in sorted(counts):
            starts.append(k)
            years.append(year)
            k += counts[year]
        return cls(counts, starts, years)

    def place(self, k: int) -> tuple[int, int, datetime.date]:
        """(year, number within the year starting at 1, day): days rise with k."""
        index = bisect.bisect_right(self.starts, k) - 1
        year = self.years[index]
        j = k - self.starts[index]
        first = datetime.date(year, 1, 1)
        days = (datetime.date(year + 1, 1, 1) - first).days
        return year, j + 1, first + datetime.timedelta(days=j * days // self.counts[year])


# The cast: organisations and users ----------------------------------------------------------


@dataclass
class Cast:
    organisations: dict[str, int]  # key -> id
    users: dict[str, int]  # organisation key -> the id of the user who records there
    municipalities: list[str]
    home_municipality: dict[str, str | None]  # organisation key -> municipality code


def ensure_cast() -> Cast:
    """The reference organisations and the bench's users (idempotent)."""
    from django.contrib.auth.models import Group

    from nrm.accounts.models import User
    from nrm.accounts.reference import load_organisations, reference_organisations
    from nrm.core.models import Municipality

    by_key = load_organisations()
    groups = {g.name: g for g in Group.objects.all()}
    users: dict[str, int] = {}
    wanted = dict(ROLE_USERS)
    receivers = {key for pairs in PROVIDERS.values() for key, _ in pairs}
    for key, _weight in IDENTIFIERS:
        wanted.setdefault(f"bench.{key}", (key, "field_identifier"))
    for key in sorted(receivers):
        wanted.setdefault(f"bench.{key}", (key, "case_worker"))
    for username, (key, role) in wanted.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, organisation=by_key[key])
            user.set_unusable_password()
            user.save()
            user.groups.set([groups[role]])
        users.setdefault(key, user.pk)
    rows = {row["key"]: row for row in reference_organisations()}
    return Cast(
        organisations={key: o.pk for key, o in by_key.items()},
        users=users,
        municipalities=list(Municipality.objects.order_by("code").values_list("code", flat=True)),
        home_municipality={key: rows[key].get("municipality") for key in by_key},
    )


def bench_user(username: str) -> Any:
    from nrm.accounts.models import User

    return User.objects.select_related("organisation").get(username=username)


# One chunk of cases -------------------------------------------------------------------------


class Tables:
    """The tables the generator writes, in the order their foreign keys need."""

    def __init__(self) -> None:
        from nrm.cases.models import (
            CaseExploitation,
            Consent,
            IdentificationDecision,
            Person,
            Referral,
            ServiceDelivery,
            ShelterStay,
            VictimCase,
        )

        self.person = Table(Person)
        self.case = Table(VictimCase)
        self.exploitation = Table(CaseExploitation)
        self.decision = Table(IdentificationDecision)
        self.consent = Table(Consent)
        self.referral = Table(Referral)
        self.service = Table(ServiceDelivery)
        self.stay = Table(ShelterStay)
        self.all = [
            self.person,
            self.case,
            self.exploitation,
            self.decision,
            self.consent,
            self.referral,
            self.service,
            self.stay,
        ]
        self.ids = {id(t): next_id(t.model) for t in self.all}

    def new_id(self, table: Table) -> int:
        value = self.ids[id(table)]
        self.ids[id(table)] = value + 1
        return value

    def flush(self) -> None:
        for table in self.all:
            table.flush()

    def counts(self) -> dict[str, int]:
        return {t.name: t.written for t in self.all}


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 9, 0, tzinfo=datetime.UTC)


def _later(rng: random.Random, day: datetime.date, low: int, high: int) -> datetime.date:
    return min(day + datetime.timedelta(days=rng.randint(low, high)), AS_OF)


def _status(rng: random.Random, year: int) -> str:
    """Older cases are mostly closed; recent ones still potential or identified."""
    age = LAST_YEAR - year  # 0 for the newest year
    draw = rng.random()
    reported = 0.03 if age == 0 else 0.005
    not_victim = 0.04
    closed = min(0.75, 0.08 + 0.08 * age)
    potential = max(0.06, 0.40 - 0.05 * age)
    if draw < reported:
        return "reported"
    if draw < reported + not_victim:
        return "not_victim"
    if draw < reported + not_victim + closed:
        return "closed"
    if draw < reported + not_victim + closed + potential:
        return "potential"
    return "identified"


class CaseWriter:
    """Builds every row of one case (and its person) into `tables`."""

    def __init__(self, tables: Tables, cast: Cast, encrypt: Callable[[str], str]) -> None:
        from nrm.cases.models import exploitation_forms_value
        from nrm.cases.services import age_group_for, age_on, person_match_index

        self.t = tables
        self.forms_value = exploitation_forms_value
        self.cast = cast
        self.encrypt = encrypt
        self.age_on = age_on
        self.age_group_for = age_group_for
        self.match_index = person_match_index

    def write(self, rng: random.Random, year: int, number: int, day: datetime.date) -> None:
        status = _status(rng, year)
        org_key = IDENTIFIER(rng)
        org = self.cast.organisations[org_key]
        recorder = self.cast.users[org_key]
        sex = SEX(rng)
        citizenship = CITIZENSHIP(rng)
        identified_on = None if status == "reported" else day
        person_id, age, estimated = self._person(rng, sex, citizenship, day)
        decisions = self._decisions(rng, status, day)
        confirmed_on = next((d for _f, s, d in decisions if s == "identified"), None)
        closure = decisions[-1][2] if status == "closed" and decisions else None
        closure_reason = CLOSURE(rng) if closure is not None else ""
        case_id = self.t.new_id(self.t.case)
        created = _moment(day)
        case = dict(
            id=case_id,
            created_at=created,
            updated_at=_moment(decisions[-1][2]),
            version=len(decisions),
            code=f"V-{year}-{number:04d}",
            code_year=year,
            code_number=number,
            person_id=person_id,
            status=status,
            identified_on=identified_on,
            confirmed_on=confirmed_on,
            organisation_id=org,
            created_by_id=recorder,
            sex=sex,
            age_at_identification=age,
            age_estimated=estimated,
            age_group=self.age_group_for(age),
            citizenship=citizenship,
            municipality_id=self._municipality(rng, org_key),
            trafficking_scope=self._scope(rng, citizenship),
            means_of_control=sorted(rng.sample(MEANS, k=rng.choice((0, 0, 1, 2, 3)))),
            recruitment=sorted(rng.sample(RECRUITMENT, k=rng.choice((0, 1, 1, 2)))),
            notes=self.encrypt(f"Bench note {year}-{number}") if rng.random() < 0.15 else "",
            closure_reason=closure_reason,
        )
        forms = self._draw_forms(rng)  # drawn after the case's values: the same data as before
        self.t.case.add(**case, exploitation_forms=self.forms_value(forms))
        for form in forms:
            self.t.exploitation.add(
                id=self.t.new_id(self.t.exploitation), case_id=case_id, form=form
            )
        for index, (from_status, to_status, decided_on) in enumerate(decisions):
            self.t.decision.add(
                id=self.t.new_id(self.t.decision),
                created_at=_moment(decided_on),
                updated_at=_moment(decided_on),
                case_id=case_id,
                from_status=from_status,
                to_status=to_status,
                decided_on=decided_on,
                authority_id=org,
                decided_by_id=recorder,
                reason=self.encrypt("Bench: decision") if index else "",
                closure_reason=closure_reason if to_status == "closed" else "",
            )
        if status == "reported":
            return
        consent_id = self._consents(rng, case_id, day, recorder)
        if status == "not_victim" and rng.random() > 0.1:
            return
        self._referrals(rng, case_id, org_key, day, consent_id, recorder)

    def _person(
        self, rng: random.Random, sex: str, citizenship: str, day: datetime.date
    ) -> tuple[int, int | None, bool]:
        """The person (encrypted names, birth date, blind index); returns (id, age, estimated)."""
        names = FIRST_NAMES["male" if sex == "male" else "female"]
        first_name, last_name = rng.choice(names), rng.choice(SURNAMES)
        age: int | None = None
        birth_date: datetime.date | None = None
        draw = rng.random()
        if draw >= 0.08:  # 8% of ages are unknown
            years = rng.randint(6, 17) if draw < 0.40 else 18 + int(rng.expovariate(1 / 10))
            years = min(years, 75)
            if rng.random() < 0.65:  # a birth date: the age is computed from it
                birth_date = day - datetime.timedelta(days=years * 365 + rng.randint(0, 364))
                age = self.age_on(birth_date, day)
            else:
                age = years
        person_id = self.t.new_id(self.t.person)
        self.t.person.add(
            id=person_id,
            created_at=_moment(day),
            updated_at=_moment(day),
            first_name=self.encrypt(first_name),
            last_name=self.encrypt(last_name),
            birth_date=self.encrypt(birth_date.isoformat()) if birth_date else None,
            contact=self.encrypt("+387 60 000 000") if rng.random() < 0.1 else "",
            languages="",
            match_index=self.match_index(first_name, last_name, birth_date),
        )
        return person_id, age, age is not None and birth_date is None

    def _decisions(
        self, rng: random.Random, status: str, day: datetime.date
    ) -> list[tuple[str, str, datetime.date]]:
        """(from, to, date) of each decision, following nrm.cases.models.TRANSITIONS."""
        if status == "reported":
            return [("", "reported", day)]
        if status == "potential":
            return [("", "potential", day)]
        confirmed = _later(rng, day, 0, 90)
        if status == "identified":
            if rng.random() < 0.4:
                return [("", "identified", day)]
            return [("", "potential", day), ("potential", "identified", confirmed)]
        if status == "not_victim":
            return [("", "potential", day), ("potential", "not_victim", _later(rng, day, 5, 120))]
        # closed: after identification (70%), or a potential victim's case closed
        closed = _later(rng, confirmed, 30, 720)
        if rng.random() < 0.7:
            return [
                ("", "potential", day),
                ("potential", "identified", confirmed),
                ("identified", "closed", closed),
            ]
        return [("", "potential", day), ("potential", "closed", closed)]

    @staticmethod
    def _draw_forms(rng: random.Random) -> list[str]:
        draw = rng.random()
        count = 0 if draw < 0.08 else (1 if draw < 0.83 else 2)
        forms: set[str] = set()
        while len(forms) < count:
            forms.add(FORM(rng))
        return sorted(forms)

    def _municipality(self, rng: random.Random, org_key: str) -> str | None:
        draw = rng.random()
        if draw < 0.2:
            return None
        if draw < 0.8 and self.cast.home_municipality.get(org_key):
            return self.cast.home_municipality[org_key]
        return rng.choice(self.cast.municipalities) if self.cast.municipalities else None

    @staticmethod
    def _scope(rng: random.Random, citizenship: str) -> str:
        if rng.random() < 0.15:
            return "unknown"
        return "internal" if citizenship == "BA" else "transnational"

    def _consents(
        self, rng: random.Random, case_id: int, day: datetime.date, recorder: int
    ) -> int | None:
        """Consent to data processing and to referral (85% of cases); the referral consent's id
        when it was given."""
        if rng.random() >= 0.85:
            return None
        referral_consent = None
        for kind, given in (
            ("data_processing", rng.random() < 0.95),
            ("referral", rng.random() < 0.9),
        ):
            consent_id = self.t.new_id(self.t.consent)
            self.t.consent.add(
                id=consent_id,
                created_at=_moment(day),
                updated_at=_moment(day),
                case_id=case_id,
                kind=kind,
                given=given,
                given_by="person",
                recorded_on=day,
                recorded_by_id=recorder,
                note="",
            )
            if kind == "referral" and given:
                referral_consent = consent_id
        return referral_consent

    def _referrals(
        self,
        rng: random.Random,
        case_id: int,
        org_key: str,
        day: datetime.date,
        consent_id: int | None,
        recorder: int,
    ) -> None:
        draw = rng.random()
        count = 0 if draw < 0.25 else (1 if draw < 0.65 else (2 if draw < 0.9 else 3))
        chosen: set[tuple[str, str]] = set()
        housed = False
        for _ in range(count):
            service = SERVICE(rng)
            to_key = PROVIDER[service](rng)
            if to_key == org_key or (service, to_key) in chosen:
                continue
            chosen.add((service, to_key))
            referred_on = _later(rng, day, 0, 30)
            status = self._referral_status(rng, referred_on)
            responded_on = (
                _later(rng, referred_on, 0, 5)
                if status in ("accepted", "declined", "completed")
                else None
            )
            completed_on = (
                _later(rng, responded_on, 10, 200)
                if status == "completed" and responded_on
                else None
            )
            referral_id = self.t.new_id(self.t.referral)
            to_org = self.cast.organisations[to_key]
            receiver = self.cast.users[to_key]
            self.t.referral.add(
                id=referral_id,
                created_at=_moment(referred_on),
                updated_at=_moment(completed_on or responded_on or referred_on),
                version=1 + (responded_on is not None) + (completed_on is not None),
                case_id=case_id,
                from_organisation_id=self.cast.organisations[org_key],
                to_organisation_id=to_org,
                service_type=service,
                status=status,
                referred_on=referred_on,
                referred_by_id=recorder,
                consent_id=consent_id,
                consent_overridden=consent_id is None,
                consent_override_reason=(
                    self.encrypt("Bench: immediate danger") if consent_id is None else ""
                ),
                note=self.encrypt("Bench: referral note") if rng.random() < 0.3 else "",
                urgent=rng.random() < 0.1,
                responded_on=responded_on,
                responded_by_id=receiver if responded_on else None,
                response_reason=(
                    self.encrypt("Bench: no capacity")
                    if status in ("declined", "withdrawn")
                    else ""
                ),
                completed_on=completed_on,
                completion_note="",
            )
            if responded_on is None or status == "declined":
                continue
            self._services(rng, case_id, service, to_org, receiver, referral_id, responded_on)
            if service == "shelter" and not housed:
                housed = True
                self._stay(rng, case_id, to_org, receiver, referral_id, responded_on, completed_on)

    @staticmethod
    def _referral_status(rng: random.Random, referred_on: datetime.date) -> str:
        recent = (AS_OF - referred_on).days < 240
        draw = rng.random()
        if draw < (0.2 if recent else 0.02):
            return "pending"
        draw = rng.random()
        if draw < 0.1:
            return "declined"
        if draw < 0.15:
            return "withdrawn"
        if draw < (0.55 if recent else 0.25):
            return "accepted"
        return "completed"

    def _services(
        self,
        rng: random.Random,
        case_id: int,
        service: str,
        provider: int,
        receiver: int,
        referral_id: int,
        responded_on: datetime.date,
    ) -> None:
        for _ in range(rng.randint(1, 3)):
            delivered_on = _later(rng, responded_on, 0, 180)
            self.t.service.add(
                id=self.t.new_id(self.t.service),
                created_at=_moment(delivered_on),
                updated_at=_moment(delivered_on),
                case_id=case_id,
                service_type=service,
                provider_id=provider,
                delivered_on=delivered_on,
                count=rng.randint(1, 10),
                referral_id=referral_id,
                recorded_by_id=receiver,
                note="",
            )

    def _stay(
        self,
        rng: random.Random,
        case_id: int,
        safe_house: int,
        receiver: int,
        referral_id: int,
        start: datetime.date,
        completed_on: datetime.date | None,
    ) -> None:
        end: datetime.date | None
        if completed_on is not None:
            end = completed_on
        elif (AS_OF - start).days < 180 and rng.random() < 0.7:
            end = None  # still in the safe house
        else:
            end = _later(rng, start, 5, 365)
        self.t.stay.add(
            id=self.t.new_id(self.t.stay),
            created_at=_moment(start),
            updated_at=_moment(end or start),
            case_id=case_id,
            safe_house_id=safe_house,
            start=start,
            end=end,
            referral_id=referral_id,
            recorded_by_id=receiver,
        )


# Loading ------------------------------------------------------------------------------------


@dataclass
class GenerationReport:
    cases: int
    seed: int
    seconds: float
    rows: dict[str, int]
    reused: bool = False


def generate(
    cases: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> GenerationReport:
    """Write `cases` cases with every related row into the (empty, migrated) database."""
    from nrm.core.crypto import encrypt

    started = time.perf_counter()
    cast = ensure_cast()
    timeline = Timeline.of(cases)
    tables = Tables()
    writer = CaseWriter(tables, cast, encrypt)
    _fast_bulk_session()
    for chunk, first in enumerate(range(0, cases, CHUNK)):
        rng = random.Random(f"{seed}:{chunk}")
        with transaction.atomic():
            for k in range(first, min(first + CHUNK, cases)):
                writer.write(rng, *timeline.place(k))
            tables.flush()
        if progress is not None:
            progress(min(first + CHUNK, cases), cases)
    reset_sequences([t.model for t in tables.all])
    after_load()
    return GenerationReport(cases, seed, time.perf_counter() - started, tables.counts())


def _fast_bulk_session() -> None:
    """A bulk load need not wait for the disk at every commit (a crash means regenerating).
    Not inside a transaction of the caller's (a test's), whose settings it would change."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET synchronous_commit TO off")
        else:
            cursor.execute("PRAGMA synchronous = OFF")


def after_load() -> None:
    """Bring the database to a steady state after the bulk load, as production would be.

    PostgreSQL: VACUUM ANALYZE (autovacuum would soon do the same). SQLite: nothing, since
    NRM never runs ANALYZE there. Any table that the services keep up to date from the rows
    written here (pre-aggregated statistics, say) must be rebuilt here too.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # VACUUM cannot run inside a transaction (a test's): ANALYZE alone then.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


# The marker: which dataset a database holds ---------------------------------------------------


def marker() -> dict[str, Any] | None:
    """The dataset recorded in this database (None when there is none)."""
    tables = connection.introspection.table_names()
    if MARKER_TABLE not in tables:
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cases, seed, generator, seconds, generated_at FROM {MARKER_TABLE}")
        row = cursor.fetchone()
    if row is None:
        return None
    keys = ("cases", "seed", "generator", "seconds", "generated_at")
    return dict(zip(keys, row, strict=True))


def write_marker(report: GenerationReport) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (cases integer, seed integer, "
            "generator integer, seconds real, generated_at varchar(40))"
        )
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")
        cursor.execute(
            f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s, %s, %s, %s)",
            [
                report.cases,
                report.seed,
                GENERATOR_VERSION,
                report.seconds,
                datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            ],
        )


def matches(found: dict[str, Any] | None, cases: int, seed: int) -> bool:
    return (
        found is not None
        and found["cases"] == cases
        and found["seed"] == seed
        and found["generator"] == GENERATOR_VERSION
    )
