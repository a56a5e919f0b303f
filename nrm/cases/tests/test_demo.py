"""The demo data reproduce the bulletin's "Statistical data for 2024", and load idempotently."""

import datetime

import pytest

from nrm.accounts.demo import load_demo as load_accounts
from nrm.cases.demo import load_demo
from nrm.cases.models import Referral, VictimCase
from nrm.cases.quality import case_quality_checks
from nrm.cases.statistics import referral_statistics, victim_statistics
from nrm.core.periods import Period
from nrm.testing.fixtures import loaded_once_per_module

D = datetime.date


demo_data = loaded_once_per_module(load_accounts, load_demo)


@pytest.fixture
def demo(demo_data, db):
    """The accounts and the cases of the demo, loaded once for the module."""


@pytest.mark.django_db
def test_the_demo_reproduces_the_bulletins_figures_for_2024(demo):
    stats = victim_statistics(period=Period.parse("2024"))
    # "a total of 37 people were identified as potential victims ... 16 female and 21 male"
    assert stats["total"] == 37
    assert (stats["by_sex"]["female"], stats["by_sex"]["male"]) == (16, 21)
    # "12 adult victims (seven male victims and five female victims), and 25 minor victims
    # (11 female and 14 male)"
    adults, minors = stats["by_age_group"]["adult"], stats["by_age_group"]["minor"]
    assert (adults["total"], adults["male"], adults["female"]) == (12, 7, 5)
    assert (minors["total"], minors["female"], minors["male"]) == (25, 11, 14)
    assert stats["by_age_group"]["unknown"]["total"] == 0
    # "12 cases of begging, six of sexual exploitation, eight of labour exploitation, and ten
    # other types" (36: for one victim the form was not recorded)
    forms = stats["by_exploitation"]
    assert (forms["begging"], forms["sexual"], forms["labour"], forms["other"]) == (12, 6, 8, 10)
    assert forms["not_recorded"] == 1
    assert sum(forms.values()) == 37
    # "24 victims are from Bosnia and Herzegovina, while 13 victims are foreign nationals,
    # including one Russian, eight Turkish, Croatian, Afghan, and German nationals"
    assert (stats["nationals"], stats["foreigners"], stats["citizenship_unknown"]) == (24, 13, 0)
    citizenship = stats["by_citizenship"]
    assert (citizenship["RU"], citizenship["TR"]) == (1, 8)
    assert min(citizenship["HR"], citizenship["AF"], citizenship["DE"]) >= 1
    # "24 human trafficking victims were housed in safe houses"
    assert stats["in_shelter"] == 24


@pytest.mark.django_db
def test_the_womens_rights_centre_delivers_74_legal_services_in_the_second_half(demo):
    stats = referral_statistics(period=Period.parse("2024-H2"))
    provider = stats["services"]["by_provider"]["Women's Rights Centre"]
    assert provider["by_service_type"]["legal_aid"] == 74


@pytest.mark.django_db
def test_the_only_2024_finding_is_the_unrecorded_form(demo):
    findings = case_quality_checks(period=Period.parse("2024"))
    assert [(f.kind, "form of exploitation" in f.message) for f in findings] == [
        ("not_recorded", True)
    ]


@pytest.mark.django_db
def test_the_demo_has_cases_of_other_years_and_work_in_progress(demo):
    years = {
        day.year
        for day in VictimCase.objects.exclude(identified_on=None).values_list(
            "identified_on", flat=True
        )
        if day
    }
    assert {2023, 2024, 2025, 2026} <= years
    assert VictimCase.objects.filter(status="reported").exists()
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert {"pending", "accepted", "declined", "completed"} <= statuses


@pytest.mark.django_db
def test_loading_twice_changes_nothing(demo):
    counts = (VictimCase.objects.count(), Referral.objects.count())
    load_demo()
    assert (VictimCase.objects.count(), Referral.objects.count()) == counts
