"""Plausibility (docs/methodology.md): a CC BiH charge in an entity court asks for a
confirmation; a first-instance verdict moves the case's stage; what slips through is a
data-quality finding."""

import datetime

import pytest

from nrm.core.errors import ValidationError
from nrm.core.periods import Period
from nrm.justice import services
from nrm.justice.models import Stage
from nrm.justice.quality import trial_monitoring_checks

D = datetime.date
YEAR = Period(D(2024, 1, 1), D(2024, 12, 31))


def implausible(court_case):
    return [
        f.message
        for f in trial_monitoring_checks(period=YEAR)
        if f.kind == "implausible" and f.record == f"court_case:{court_case.pk}"
    ]


@pytest.mark.django_db
def test_a_cc_bih_charge_in_a_cantonal_court_asks_for_confirmation(personas, new_court_case):
    monitor = personas.trial_monitor
    court_case = new_court_case(court="cantonal_tuzla")
    defendant = services.defendant_add(actor=monitor, court_case=court_case, sex="male")
    with pytest.raises(ValidationError) as asked:
        services.charge_add(actor=monitor, defendant=defendant, article="bih:186")
    assert "Court of BiH" in asked.value.fields["confirmed"][0]
    assert not defendant.charges.exists()
    services.charge_add(actor=monitor, defendant=defendant, article="fbih:210a")  # no question
    services.charge_add(actor=monitor, defendant=defendant, article="bih:186", confirmed=True)
    assert defendant.charges.count() == 2
    assert any("CC BiH" in message for message in implausible(court_case))


@pytest.mark.django_db
def test_the_court_of_bih_takes_cc_bih_charges_without_a_question(personas, new_court_case):
    monitor = personas.trial_monitor
    court_case = new_court_case(court="court_bih")
    defendant = services.defendant_add(actor=monitor, court_case=court_case, sex="male")
    services.charge_add(actor=monitor, defendant=defendant, article="bih:186")
    assert implausible(court_case) == []


@pytest.mark.django_db
def test_the_api_and_the_form_ask_for_the_confirmation(
    personas, new_court_case, api_for, client_for
):
    monitor = personas.trial_monitor
    court_case = new_court_case(court="cantonal_tuzla")
    defendant = services.defendant_add(actor=monitor, court_case=court_case, sex="male")
    url = f"/api/v1/justice/defendants/{defendant.pk}/charges"
    api = api_for(monitor)
    refused = api.post(url, {"article": "bih:186"}, content_type="application/json")
    assert refused.status_code == 422 and "confirmed" in refused.json()["error"]["fields"]
    page = client_for(monitor).post(
        f"/justice/defendants/{defendant.pk}/charges/new/",
        {"article": "bih:186", "qualification": "initial"},
    )
    assert page.status_code == 200 and "Court of BiH" in page.content.decode()
    assert not defendant.charges.exists()
    body = {"article": "bih:186", "confirmed": True}
    assert api.post(url, body, content_type="application/json").status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize("stage", ["investigation", "indictment", "trial"])
def test_a_first_instance_conviction_moves_the_stage(personas, new_court_case, stage):
    monitor = personas.trial_monitor
    court_case = new_court_case(stage=stage)
    defendant = services.defendant_add(actor=monitor, court_case=court_case, sex="male")
    services.verdict_record(
        actor=monitor,
        defendant=defendant,
        outcome="convicted",
        pronounced_on=D(2024, 6, 3),
        sentence={"imprisonment_months": 36},
    )
    court_case.refresh_from_db()
    assert court_case.stage == Stage.FIRST_INSTANCE_VERDICT
    assert court_case.first_instance_verdict_on == D(2024, 6, 3)
    assert implausible(court_case) == []


@pytest.mark.django_db
def test_the_stage_never_moves_backwards(personas, new_court_case):
    monitor = personas.trial_monitor
    court_case = new_court_case(stage="appeal", first_instance_verdict_on=D(2024, 5, 2))
    defendant = services.defendant_add(actor=monitor, court_case=court_case, sex="male")
    services.verdict_record(
        actor=monitor, defendant=defendant, outcome="acquitted", pronounced_on=D(2024, 5, 2)
    )
    court_case.refresh_from_db()
    assert court_case.stage == Stage.APPEAL


@pytest.mark.django_db
def test_a_verdict_without_an_indictment_date_is_a_finding(personas, new_court_case):
    monitor = personas.trial_monitor
    court_case = new_court_case(stage="investigation", indictment_filed_on=None)
    defendant = services.defendant_add(actor=monitor, court_case=court_case, sex="male")
    services.verdict_record(
        actor=monitor,
        defendant=defendant,
        outcome="convicted",
        pronounced_on=D(2024, 6, 3),
        sentence={"imprisonment_months": 36},
    )
    court_case.refresh_from_db()
    assert court_case.stage == Stage.INVESTIGATION
    assert any("first-instance verdict is recorded" in m for m in implausible(court_case))
