"""Data-quality checks: what makes the trial-monitoring figures incomplete."""

import datetime

import pytest

from nrm.core.periods import Period
from nrm.core.registry import quality_checks
from nrm.justice import services
from nrm.justice.quality import trial_monitoring_checks

d = datetime.date
pytestmark = pytest.mark.django_db


def test_checks_report_missing_charges_sex_verdicts_sentences_and_qualification(
    new_court_case, personas
):
    monitor = personas.trial_monitor
    assert trial_monitoring_checks in quality_checks()
    bare = new_court_case(case_number="S1 2 K 000100 24 K")
    services.defendant_add(actor=monitor, court_case=bare)  # sex unknown, no charges
    final = new_court_case(
        case_number="S1 2 K 000200 24 K", stage="final",
        first_instance_verdict_on=d(2024, 5, 1), final_decision_on=d(2024, 6, 1),
    )  # fmt: skip
    judged = services.defendant_add(actor=monitor, court_case=final, sex="male")
    services.charge_add(actor=monitor, defendant=judged, article="bih:186")
    services.verdict_record(
        actor=monitor, defendant=judged, outcome="convicted", pronounced_on=d(2024, 5, 1)
    )
    services.defendant_add(actor=monitor, court_case=final, sex="female")  # no verdict
    findings = trial_monitoring_checks(period=Period.parse("2024"))
    found = {(f.kind, f.record) for f in findings}
    assert found == {
        ("not_recorded", f"court_case:{bare.pk}"),  # no charges
        ("not_recorded", f"court_case:{bare.pk}"),  # sex not recorded
        ("missing_verdict", f"court_case:{final.pk}"),
        ("missing_sentence", f"court_case:{final.pk}"),
        ("not_recorded", f"court_case:{final.pk}"),  # no final qualification
    }
    assert len(findings) == 5
    assert all(f.url == f"/justice/{f.record.split(':')[1]}/" for f in findings)
    assert any("S1 2 K 000100 24 K" in f.message and "sex" in f.message for f in findings)


def test_a_complete_record_has_no_findings(new_court_case, personas):
    monitor = personas.trial_monitor
    court_case = new_court_case(
        stage="final", first_instance_verdict_on=d(2024, 5, 1), final_decision_on=d(2024, 6, 1)
    )
    defendant = services.defendant_add(actor=monitor, court_case=court_case, sex="male")
    services.charge_add(actor=monitor, defendant=defendant, article="bih:186")
    services.charges_confirm_as_final(actor=monitor, defendant=defendant)
    services.verdict_record(
        actor=monitor, defendant=defendant, outcome="convicted", pronounced_on=d(2024, 5, 1),
        sentence={"imprisonment_months": 36},
    )  # fmt: skip
    assert trial_monitoring_checks(period=Period.parse("2024")) == []
