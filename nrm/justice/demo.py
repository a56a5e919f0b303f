"""Demo trial monitoring: the OSCE Mission's monitored cases behind the bulletin's 2024 findings.

Fictional but plausible: real courts of BiH, case numbers in the courts' format, defendants and
injured parties known by codes only, invented hearings. For 1 January - 31 December 2024 the
figures are exactly the bulletin's "Monitoring findings": 33 cases (26 ongoing, 7 finalized),
64 defendants (55 men, 9 women), cases by article as listed, and in the finalized cases 10
convicted and 2 acquitted, 5 suspended sentences (3 to 8 months), 4 prison sentences (18
months to 10 years) and 1 fine (300 BAM). Two more cases lie outside 2024 (finalized in 2023,
monitored from 2025) to show the counting rules at work. Loading is idempotent.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from nrm.accounts.demo import ROLE_ACCOUNTS, ensure_demo_user
from nrm.accounts.models import User
from nrm.justice import services
from nrm.justice.models import (
    KEY_DATES,
    ClaimOutcome,
    Court,
    CourtCase,
    Defendant,
    HearingKind,
    HearingOutcome,
    Outcome,
    Qualification,
    Stage,
)

MONITOR = next(a for a in ROLE_ACCOUNTS if a.username == "monitor")
d = datetime.date


@dataclass(frozen=True)
class V:
    """A verdict: outcome, date, instance; prison/suspended term in months; fine in BAM."""

    outcome: str
    on: datetime.date
    instance: int = 1
    prison: int | None = None
    suspended: int | None = None
    probation: int | None = None
    fine: int | None = None
    confiscated: int | None = None

    def sentence(self) -> dict[str, Any] | None:
        if self.prison is None and self.suspended is None and self.fine is None:
            return None
        return {
            "imprisonment_months": self.prison if self.prison is not None else self.suspended,
            "suspended": self.suspended is not None,
            "probation_months": self.probation,
            "fine_bam": self.fine,
            "confiscated_bam": self.confiscated,
        }


@dataclass(frozen=True)
class P:
    """A defendant: sex, age, charges (article keys), the court's final qualification."""

    sex: str
    age: int
    charges: tuple[str, ...]
    final: tuple[str, ...] = ()
    verdicts: tuple[V, ...] = ()
    citizenship: str = "BA"


def man(age: int, *charges: str, **values: Any) -> P:
    return P("male", age, charges, **values)


def woman(age: int, *charges: str, **values: Any) -> P:
    return P("female", age, charges, **values)


@dataclass(frozen=True)
class Claim:
    claimed: int
    outcome: str = ClaimOutcome.PENDING
    awarded: int | None = None
    paid: int | None = None
    decided_on: datetime.date | None = None


@dataclass(frozen=True)
class Injured:
    sex: str
    age_group: str
    citizenship: str = "BA"
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class Case:
    court: str
    number: str
    stage: str
    monitoring_started_on: datetime.date
    dates: dict[str, datetime.date]
    defendants: tuple[P, ...]
    forms: tuple[str, ...] = ()
    injured: tuple[Injured, ...] = ()
    notes: str = ""
    extra_hearings: tuple[datetime.date, ...] = field(default_factory=tuple)


def dates(*values: datetime.date | None) -> dict[str, datetime.date]:
    """Key dates in procedural order: filed, confirmed, trial, verdict, appeal, final."""
    return {name: value for name, value in zip(KEY_DATES, values, strict=False) if value}


F_ADULT = Injured("female", "adult")
F_MINOR = Injured("female", "minor")
M_MINOR = Injured("male", "minor")
M_ADULT = Injured("male", "adult")

CONVICTED, PLEA, ACQUITTED = Outcome.CONVICTED, Outcome.PLEA_AGREEMENT, Outcome.ACQUITTED

CASES: tuple[Case, ...] = (
    # Court of BiH: trafficking (CC BiH 186) and international enticement to prostitution (187).
    Case("court_bih", "S1 2 K 041876 22 K", Stage.TRIAL, d(2022, 9, 12),
         dates(d(2022, 8, 18), d(2022, 8, 30), d(2022, 11, 3)),
         (man(45, "bih:186"), man(38, "bih:186"), woman(41, "bih:186")),
         ("sexual",), (F_MINOR, F_ADULT), extra_hearings=(d(2024, 2, 14), d(2024, 6, 5))),
    Case("court_bih", "S1 2 K 038204 21 K", Stage.FINAL, d(2021, 10, 4),
         dates(d(2021, 9, 15), d(2021, 9, 29), d(2021, 12, 8), d(2023, 6, 21), d(2024, 3, 14),
               d(2024, 3, 14)),
         (man(52, "bih:186", final=("bih:186",), verdicts=(
              V(CONVICTED, d(2023, 6, 21), prison=144),
              V(CONVICTED, d(2024, 3, 14), 2, prison=120, confiscated=48500))),
          man(34, "bih:186", final=("bih:186",), verdicts=(
              V(PLEA, d(2023, 2, 8), prison=48),))),
         ("sexual",),
         (Injured("female", "adult", "UA", (Claim(30000, ClaimOutcome.AWARDED, 15000, 5000,
                                                  d(2023, 6, 21)),)),
          Injured("female", "adult", "BA", (Claim(20000, ClaimOutcome.REFERRED_TO_CIVIL,
                                                  decided_on=d(2023, 6, 21)),)))),
    Case("court_bih", "S1 2 K 045510 23 K", Stage.TRIAL, d(2023, 11, 20),
         dates(d(2023, 10, 30), d(2023, 11, 13), d(2024, 10, 2)),
         (man(29, "bih:186"), man(33, "bih:186"), man(47, "bih:186"), man(51, "bih:186"),
          man(40, "bih:186", citizenship="RS")),
         ("labour",), (M_ADULT, M_ADULT)),
    Case("court_bih", "S1 2 K 047093 24 K", Stage.TRIAL, d(2024, 2, 5),
         dates(d(2024, 1, 22), d(2024, 2, 1), d(2024, 4, 17)),
         (man(36, "bih:186"), woman(30, "bih:186")),
         ("sexual",), (F_MINOR,), extra_hearings=(d(2024, 11, 6),)),
    Case("court_bih", "S1 2 K 043377 23 K", Stage.TRIAL, d(2023, 3, 6),
         dates(d(2023, 2, 10), d(2023, 2, 24), d(2023, 5, 11)),
         (man(44, "bih:186", "bih:187"), man(39, "bih:186"), man(27, "bih:187"),
          man(55, "bih:186"), woman(48, "bih:186", "bih:187")),
         ("sexual",), (Injured("female", "adult", "BA", (Claim(25000),)),
                       Injured("female", "adult", "MD")),
         extra_hearings=(d(2024, 3, 20), d(2024, 9, 25))),
    Case("court_bih", "S1 2 K 044912 23 K", Stage.APPEAL, d(2023, 7, 3),
         dates(d(2023, 6, 15), d(2023, 6, 28), d(2023, 9, 20), d(2024, 6, 27)),
         (man(31, "bih:186", final=("bih:186",), verdicts=(
             V(CONVICTED, d(2024, 6, 27), prison=60),)),),
         ("sexual",), (F_ADULT,)),
    Case("court_bih", "S1 2 K 040158 22 K", Stage.FINAL, d(2022, 5, 9),
         dates(d(2022, 4, 12), d(2022, 4, 26), d(2022, 6, 29), d(2024, 2, 9), d(2024, 7, 11),
               d(2024, 7, 11)),
         (man(46, "bih:187", final=("bih:187",), verdicts=(
              V(CONVICTED, d(2024, 2, 9), prison=30),
              V(CONVICTED, d(2024, 7, 11), 2, prison=30))),
          man(42, "bih:187", final=("bih:187",), verdicts=(
              V(ACQUITTED, d(2024, 2, 9)), V(ACQUITTED, d(2024, 7, 11), 2)))),
         ("sexual",),
         (Injured("female", "adult", "BA", (Claim(8000, ClaimOutcome.REFERRED_TO_CIVIL,
                                                  decided_on=d(2024, 2, 9)),)),)),
    # Republika Srpska.
    Case("district_banja_luka", "11 0 K 028745 23 K", Stage.TRIAL, d(2023, 9, 18),
         dates(d(2023, 8, 29), d(2023, 9, 8), d(2023, 12, 6)),
         (man(40, "rs:146"), man(23, "rs:146")),
         ("begging", "marriage"), (F_MINOR, M_MINOR), extra_hearings=(d(2024, 5, 22),)),
    Case("basic_bijeljina", "80 0 K 142367 24 K", Stage.INDICTMENT, d(2024, 5, 13),
         dates(d(2024, 4, 25), d(2024, 5, 9)),
         (man(35, "rs:175"),), ("sexual",), (F_MINOR,)),
    Case("basic_doboj", "85 0 K 097452 23 K", Stage.FINAL, d(2023, 4, 3),
         dates(d(2023, 3, 14), d(2023, 3, 27), d(2023, 6, 7), d(2024, 1, 24), d(2024, 4, 18),
               d(2024, 4, 18)),
         (man(24, "rs:184", final=("rs:184",), verdicts=(
             V(CONVICTED, d(2024, 1, 24), suspended=8, probation=24),
             V(CONVICTED, d(2024, 4, 18), 2, suspended=8, probation=24))),),
         ("marriage",), (F_MINOR,)),
    # Brčko District.
    Case("basic_bd", "96 0 K 153208 23 K", Stage.TRIAL, d(2023, 10, 9),
         dates(d(2023, 9, 21), d(2023, 10, 2), d(2024, 1, 11)),
         (man(38, "bd:207a", "bd:218"),), ("begging",), (F_ADULT, M_MINOR),
         extra_hearings=(d(2024, 4, 3), d(2024, 10, 9))),
    Case("basic_bd", "96 0 K 161934 24 K", Stage.INDICTMENT, d(2024, 7, 1),
         dates(d(2024, 6, 13), d(2024, 6, 26)),
         (man(29, "bd:207a"), woman(26, "bd:207a")), ("sexual",), (F_ADULT,)),
    # Federation of BiH: cantonal courts (trafficking, organised trafficking).
    Case("cantonal_sarajevo", "09 0 K 038412 22 K", Stage.FINAL, d(2022, 3, 14),
         dates(d(2022, 2, 17), d(2022, 3, 2), d(2022, 5, 19), d(2024, 5, 30), d(2025, 2, 20),
               d(2025, 2, 20)),
         (man(49, "fbih:210a", "fbih:210b", final=("fbih:210a", "fbih:210b"), verdicts=(
              V(CONVICTED, d(2024, 5, 30), prison=96),
              V(CONVICTED, d(2025, 2, 20), 2, prison=96, confiscated=112000))),
          man(37, "fbih:210a", "fbih:210b", final=("fbih:210a", "fbih:210b"), verdicts=(
              V(CONVICTED, d(2024, 5, 30), prison=72), V(CONVICTED, d(2025, 2, 20), 2, prison=72))),
          man(33, "fbih:210a", final=("fbih:210a",), verdicts=(
              V(CONVICTED, d(2024, 5, 30), prison=36), V(CONVICTED, d(2025, 2, 20), 2, prison=36))),
          woman(44, "fbih:210a", "fbih:210b", final=("fbih:210a", "fbih:210b"), verdicts=(
              V(ACQUITTED, d(2024, 5, 30)), V(ACQUITTED, d(2025, 2, 20), 2)))),
         ("sexual",),
         (Injured("female", "adult", "BA", (Claim(40000, ClaimOutcome.AWARDED, 20000, 0,
                                                  d(2024, 5, 30)),)),
          F_ADULT, F_MINOR)),
    Case("cantonal_tuzla", "03 0 K 027593 23 K", Stage.TRIAL, d(2023, 5, 15),
         dates(d(2023, 4, 20), d(2023, 5, 4), d(2023, 7, 12)),
         (man(41, "fbih:210a", "fbih:210b", "fbih:238"), man(36, "fbih:210a", "fbih:210b"),
          man(30, "fbih:210a", "fbih:238"), man(28, "fbih:238"),
          man(45, "fbih:210a", "fbih:210b")),
         ("criminality",), (M_ADULT, M_MINOR), extra_hearings=(d(2024, 3, 6), d(2024, 9, 18))),
    Case("cantonal_zenica", "04 0 K 021876 23 K", Stage.TRIAL, d(2023, 11, 6),
         dates(d(2023, 10, 12), d(2023, 10, 26), d(2024, 2, 8)),
         (man(50, "fbih:210a", "fbih:210b", "fbih:179"), man(43, "fbih:210a", "fbih:210b"),
          man(39, "fbih:210b", "fbih:179")),
         ("labour",), (Injured("male", "adult", "NP"), Injured("male", "adult", "NP"))),
    Case("cantonal_mostar", "07 0 K 019654 24 K", Stage.INDICTMENT, d(2024, 3, 4),
         dates(d(2024, 2, 15), d(2024, 2, 28)),
         (man(34, "fbih:210a", "fbih:203"),), ("sexual",), (F_ADULT,)),
    Case("cantonal_bihac", "01 0 K 017329 24 K", Stage.TRIAL, d(2024, 6, 10),
         dates(d(2024, 5, 22), d(2024, 6, 5), d(2024, 9, 12)),
         (man(39, "fbih:210a", "fbih:219"), woman(35, "fbih:210a", "fbih:219")),
         ("begging",), (M_MINOR, F_MINOR)),
    # Federation of BiH: municipal courts.
    Case("municipal_sarajevo", "65 0 K 812430 21 K", Stage.FINAL, d(2021, 11, 8),
         dates(d(2021, 10, 14), d(2021, 10, 28), d(2022, 1, 20), d(2023, 12, 7), d(2024, 5, 16),
               d(2024, 5, 16)),
         (man(31, "fbih:210", "fbih:238", final=("fbih:210", "fbih:238"), verdicts=(
              V(CONVICTED, d(2023, 12, 7), prison=18),
              V(CONVICTED, d(2024, 5, 16), 2, prison=18))),
          man(27, "fbih:210", "fbih:238", final=("fbih:210",), verdicts=(
              V(ACQUITTED, d(2023, 12, 7)),))),
         ("sexual",),
         (Injured("female", "adult", "BA", (Claim(10000, ClaimOutcome.REFERRED_TO_CIVIL,
                                                  decided_on=d(2023, 12, 7)),)),)),
    Case("municipal_tuzla", "32 0 K 498215 23 K", Stage.TRIAL, d(2023, 6, 19),
         dates(d(2023, 5, 25), d(2023, 6, 8), d(2023, 9, 14)),
         (man(32, "fbih:210"), man(26, "fbih:210")), ("sexual",), (F_ADULT,)),
    Case("municipal_zenica", "43 0 K 356782 24 K", Stage.INDICTMENT, d(2024, 4, 8),
         dates(d(2024, 3, 21), d(2024, 4, 3)),
         (man(29, "fbih:210", "fbih:211"),), ("sexual",), (F_MINOR,)),
    Case("municipal_mostar", "58 0 K 221904 24 K", Stage.INVESTIGATION, d(2024, 9, 16),
         {}, (man(41, "fbih:210", "fbih:207"),), ("sexual",), (F_MINOR,)),
    Case("municipal_bihac", "17 0 K 204117 23 K", Stage.FINAL, d(2023, 9, 11),
         dates(d(2023, 8, 24), d(2023, 9, 5), None, d(2024, 3, 6), None, d(2024, 4, 2)),
         (man(43, "fbih:219", final=("fbih:219",), verdicts=(
             V(CONVICTED, d(2024, 3, 6), suspended=6, probation=24),)),),
         ("begging",), (M_MINOR,)),
    Case("municipal_tuzla", "32 0 K 471098 23 K", Stage.FINAL, d(2023, 2, 13),
         dates(d(2023, 1, 26), d(2023, 2, 7), d(2023, 4, 20), d(2024, 9, 25), None,
               d(2024, 10, 22)),
         (man(35, "fbih:219", final=("fbih:219",), verdicts=(
              V(PLEA, d(2024, 9, 25), suspended=3, probation=12),)),
          woman(32, "fbih:219", final=("fbih:219",), verdicts=(
              V(CONVICTED, d(2024, 9, 25), suspended=4, probation=12),))),
         ("begging",), (M_MINOR, F_MINOR)),
    Case("municipal_zenica", "43 0 K 331562 22 K", Stage.FINAL, d(2022, 10, 3),
         dates(d(2022, 9, 15), d(2022, 9, 27), d(2022, 12, 8), d(2024, 6, 12), d(2024, 11, 28),
               d(2024, 11, 28)),
         (man(40, "fbih:219", final=("fbih:219",), verdicts=(
              V(CONVICTED, d(2024, 6, 12), suspended=5, probation=18),
              V(CONVICTED, d(2024, 11, 28), 2, suspended=5, probation=18))),
          woman(38, "fbih:219", final=("fbih:219",), verdicts=(
              V(CONVICTED, d(2024, 6, 12), fine=300),
              V(CONVICTED, d(2024, 11, 28), 2, fine=300)))),
         ("begging",), (F_MINOR, M_MINOR)),
    Case("municipal_sarajevo", "65 0 K 907314 23 K", Stage.TRIAL, d(2023, 12, 4),
         dates(d(2023, 11, 16), d(2023, 11, 29), d(2024, 3, 21)),
         (man(37, "fbih:219"), man(34, "fbih:219")), ("begging",), (M_MINOR, M_MINOR)),
    Case("municipal_travnik", "51 0 K 112846 24 K", Stage.TRIAL, d(2024, 1, 15),
         dates(d(2023, 12, 21), d(2024, 1, 9), d(2024, 5, 8)),
         (man(45, "fbih:219", "fbih:217"),), ("begging",), (F_MINOR,)),
    Case("municipal_gracanica", "29 0 K 087613 24 K", Stage.INDICTMENT, d(2024, 8, 5),
         dates(d(2024, 7, 18), d(2024, 7, 31)),
         (man(30, "fbih:219"), woman(27, "fbih:219")), ("begging",), (M_MINOR,)),
    Case("municipal_kalesija", "30 0 K 064521 24 K", Stage.INDICTMENT, d(2024, 10, 7),
         dates(d(2024, 9, 19), d(2024, 10, 1)), (man(42, "fbih:219"),), ("begging",)),
    Case("municipal_zivinice", "33 0 K 071938 23 K", Stage.FIRST_INSTANCE_VERDICT, d(2023, 8, 14),
         dates(d(2023, 7, 27), d(2023, 8, 8), d(2023, 11, 9), d(2024, 12, 11)),
         (man(36, "fbih:219", verdicts=(
             V(CONVICTED, d(2024, 12, 11), suspended=6, probation=24),)),),
         ("begging",), (F_MINOR,)),
    Case("municipal_mostar", "58 0 K 214590 23 K", Stage.TRIAL, d(2023, 10, 16),
         dates(d(2023, 9, 28), d(2023, 10, 10), d(2024, 1, 24)),
         (man(33, "fbih:209", "fbih:211", "fbih:212"),), ("sexual",), (F_MINOR,)),
    Case("municipal_sarajevo", "65 0 K 925077 24 K", Stage.TRIAL, d(2024, 2, 19),
         dates(d(2024, 1, 31), d(2024, 2, 13), d(2024, 6, 6)),
         (man(52, "fbih:209", "fbih:211"),), ("sexual",), (F_MINOR,)),
    Case("municipal_bihac", "17 0 K 219458 24 K", Stage.INDICTMENT, d(2024, 5, 27),
         dates(d(2024, 5, 9), d(2024, 5, 21)), (man(47, "fbih:209", "fbih:212"),), ("sexual",)),
    Case("municipal_visoko", "41 0 K 098765 24 K", Stage.TRIAL, d(2024, 4, 22),
         dates(d(2024, 4, 4), d(2024, 4, 16), d(2024, 8, 29)),
         (man(58, "fbih:207", "fbih:208"),), ("sexual",), (F_MINOR,)),
    # Outside 2024: finalized in 2023, and monitored from 2025.
    Case("cantonal_tuzla", "03 0 K 024118 22 K", Stage.FINAL, d(2022, 6, 13),
         dates(d(2022, 5, 19), d(2022, 6, 2), d(2022, 9, 8), d(2023, 10, 26), None,
               d(2023, 11, 20)),
         (man(44, "fbih:210a", final=("fbih:210a",), verdicts=(
              V(CONVICTED, d(2023, 10, 26), prison=48),)),
          man(29, "fbih:210a", final=("fbih:210a",), verdicts=(
              V(CONVICTED, d(2023, 10, 26), prison=36),))),
         ("labour",), (M_ADULT,)),
    Case("municipal_zenica", "43 0 K 402215 25 K", Stage.TRIAL, d(2025, 4, 14),
         dates(d(2025, 3, 27), d(2025, 4, 8), d(2025, 6, 19)),
         (woman(31, "fbih:219"),), ("begging",), (M_MINOR,)),
)  # fmt: skip

# Invented hearing notes: what a monitor writes, about the proceedings, never about who.
NOTES = {
    HearingKind.PLEA: (
        "The defendants pleaded not guilty; the court set the main trial.",
        "Plea entered: not guilty. The defence asked for more time to study the evidence.",
    ),
    HearingKind.MAIN_TRIAL: (
        "The prosecution examined two witnesses; the injured party testified by video link "
        "with protective measures.",
        "Financial expert heard on the money transfers; the defence cross-examined.",
        "Postponed: a defendant's counsel did not appear. New date set.",
        "Social worker heard on the children's situation; the public was excluded.",
        "The court read the records of the searches and the intercepted communications.",
    ),
    HearingKind.VERDICT: ("The verdict was pronounced in public; the reasoning was summarised.",),
    HearingKind.APPEAL: ("Appeal session: the panel heard the parties' arguments.",),
}


def _hearings(case: Case) -> list[tuple[datetime.date, str, str, str]]:
    """Plausible hearings from the case's dates: plea, trial sessions, verdict, appeal."""
    when = case.dates
    notes = {kind: itertools.cycle(texts) for kind, texts in NOTES.items()}
    hearings = []
    if "indictment_confirmed_on" in when:
        hearings.append(
            (when["indictment_confirmed_on"] + datetime.timedelta(days=14), HearingKind.PLEA)
        )
    if "trial_started_on" in when:
        hearings.append((when["trial_started_on"], HearingKind.MAIN_TRIAL))
    hearings += [(day, HearingKind.MAIN_TRIAL) for day in case.extra_hearings]
    if "first_instance_verdict_on" in when:
        hearings.append((when["first_instance_verdict_on"], HearingKind.VERDICT))
    if "appeal_decided_on" in when:
        hearings.append((when["appeal_decided_on"], HearingKind.APPEAL))
    result: list[tuple[datetime.date, str, str, str]] = []
    for day, kind in sorted(hearings):
        if day < case.monitoring_started_on:
            continue
        note = next(notes[kind])
        outcome = HearingOutcome.POSTPONED if note.startswith("Postponed") else HearingOutcome.HELD
        result.append((day, kind, outcome, note))
    return result


def _record_defendant(monitor: User, court_case: CourtCase, person: P) -> Defendant:
    defendant = services.defendant_add(
        actor=monitor,
        court_case=court_case,
        sex=person.sex,
        age=person.age,
        citizenship=person.citizenship,
    )
    for key in person.charges:
        services.charge_add(actor=monitor, defendant=defendant, article=key)
    for key in person.final:
        services.charge_add(
            actor=monitor, defendant=defendant, article=key, qualification=Qualification.FINAL
        )
    for verdict in person.verdicts:
        services.verdict_record(
            actor=monitor,
            defendant=defendant,
            instance=verdict.instance,
            outcome=verdict.outcome,
            pronounced_on=verdict.on,
            sentence=verdict.sentence(),
        )
    return defendant


def _record_case(monitor: User, case: Case) -> CourtCase:
    values: dict[str, Any] = {
        "court": case.court,
        "case_number": case.number,
        "stage": case.stage,
        "monitoring_started_on": case.monitoring_started_on,
        "exploitation_forms": list(case.forms),
        "notes": case.notes,
        **case.dates,
    }
    court_case = services.court_case_create(actor=monitor, **values)
    defendants = [_record_defendant(monitor, court_case, person) for person in case.defendants]
    for day, kind, outcome, note in _hearings(case):
        services.hearing_add(
            actor=monitor,
            court_case=court_case,
            held_on=day,
            kind=kind,
            outcome=outcome,
            notes=note,
        )
    for party in case.injured:
        injured = services.injured_party_add(
            actor=monitor,
            court_case=court_case,
            sex=party.sex,
            age_group=party.age_group,
            citizenship=party.citizenship,
        )
        for claim in party.claims:
            services.claim_add(
                actor=monitor,
                injured_party=injured,
                defendant=defendants[0],
                claimed_bam=claim.claimed,
                outcome=claim.outcome,
                awarded_bam=claim.awarded,
                paid_bam=claim.paid,
                decided_on=claim.decided_on,
            )
    return court_case


def load_demo() -> None:
    """Record the demo cases that are not there yet, as the demo trial monitor (OSCE)."""
    monitor = ensure_demo_user(MONITOR)
    for case in CASES:
        court = Court.objects.get(key=case.court)
        if CourtCase.objects.filter(court=court, case_number=case.number).exists():
            continue
        _record_case(monitor, case)
    _schedule_next_hearings(monitor)


def _schedule_next_hearings(monitor: User) -> None:
    """Two ongoing cases have their next hearing in the coming weeks (dated from today, so
    that the monitor's home page always has hearings ahead)."""
    today = timezone.localdate()
    ongoing = CourtCase.objects.filter(final_decision_on__isnull=True).order_by("pk")[:2]
    for court_case, days in zip(ongoing, (2, 16), strict=False):
        if court_case.hearings.filter(held_on__gte=today).exists():
            continue
        services.hearing_add(
            actor=monitor,
            court_case=court_case,
            held_on=today + datetime.timedelta(days=days),
            kind=HearingKind.MAIN_TRIAL,
            outcome=HearingOutcome.SCHEDULED,
        )
