"""Web pages: trial monitors write, coordinators read, nobody else reaches a monitored case."""

import datetime

import pytest
from django.urls import URLPattern, get_resolver, reverse

from nrm.cases.services import case_create
from nrm.justice import services
from nrm.justice.models import Charge, CourtCase, Defendant, Hearing, Verdict
from nrm.justice.tests.conftest import OUTSIDERS

d = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def full_case(new_court_case, personas):
    """A finalized case with one of everything."""
    monitor = personas.trial_monitor
    court_case = new_court_case(
        stage="final", first_instance_verdict_on=d(2024, 5, 10), final_decision_on=d(2024, 6, 1),
        notes="Monitor's note on the proceedings.",
    )  # fmt: skip
    defendant = services.defendant_add(actor=monitor, court_case=court_case, sex="male", age=41)
    charge = services.charge_add(actor=monitor, defendant=defendant, article="bih:186")
    verdict = services.verdict_record(
        actor=monitor, defendant=defendant, outcome="plea_agreement", pronounced_on=d(2024, 5, 10),
        sentence={"imprisonment_months": 3, "suspended": True, "probation_months": 12},
    )  # fmt: skip
    hearing = services.hearing_add(
        actor=monitor, court_case=court_case, held_on=d(2024, 5, 10), kind="verdict",
        notes="Verdict pronounced in public.",
    )  # fmt: skip
    party = services.injured_party_add(actor=monitor, court_case=court_case, sex="female")
    claim = services.claim_add(
        actor=monitor, injured_party=party, claimed_bam=30000, outcome="awarded",
        awarded_bam=15000, paid_bam=5000, decided_on=d(2024, 5, 10),
    )  # fmt: skip
    return {
        "court_case": court_case, "defendant": defendant, "charge": charge, "verdict": verdict,
        "hearing": hearing, "party": party, "claim": claim,
    }  # fmt: skip


def justice_urls(objects: dict) -> list[str]:
    """Every URL of the app, with the id of the kind of record it is about."""
    prefixes = {
        "defendants/": "defendant", "charges/": "charge", "verdicts/": "verdict",
        "hearings/": "hearing", "injured-parties/": "party", "claims/": "claim",
    }  # fmt: skip
    urls = []
    resolver = get_resolver().namespace_dict["justice"][1]
    for pattern in resolver.url_patterns:
        assert isinstance(pattern, URLPattern)
        route = str(pattern.pattern)
        kind = next((k for p, k in prefixes.items() if route.startswith(p)), "court_case")
        args = [objects[kind].pk] if "<int:pk>" in route else []
        urls.append(reverse(f"justice:{pattern.name}", args=args))
    return urls


def test_every_url_is_covered(full_case):
    assert len(justice_urls(full_case)) == 25


@pytest.mark.parametrize("role", OUTSIDERS)
def test_nobody_else_reaches_any_page(client_for, personas, full_case, role):
    client = client_for(getattr(personas, role))
    for url in justice_urls(full_case):
        statuses = []
        for method in (client.get, client.post):
            response = method(url)
            statuses.append(response.status_code)
            assert b"S1 2 K" not in response.content, url
        # Denied (403) or not found (404); the other method may be not allowed (405).
        assert set(statuses) <= {403, 404, 405} and set(statuses) & {403, 404}, (url, statuses)
    assert CourtCase.objects.count() == 1 and Charge.objects.count() == 1


def test_a_monitor_of_another_organisation_gets_not_found(client_for, other_monitor, full_case):
    client = client_for(other_monitor)
    assert client.get(reverse("justice:list")).status_code == 200
    for name, kind in (
        ("detail", "court_case"), ("edit", "court_case"), ("defendant_edit", "defendant"),
        ("verdict_edit", "verdict"), ("hearing_edit", "hearing"), ("claim_edit", "claim"),
        ("injured_party_edit", "party"), ("charge_add", "defendant"),
    ):  # fmt: skip
        response = client.get(reverse(f"justice:{name}", args=[full_case[kind].pk]))
        assert response.status_code == 404, name
    response = client.post(reverse("justice:delete", args=[full_case["court_case"].pk]))
    assert response.status_code == 404 and CourtCase.objects.exists()


def test_coordinators_read_everything_and_change_nothing(client_for, personas, full_case):
    client = client_for(personas.coordinator)
    page = client.get(reverse("justice:detail", args=[full_case["court_case"].pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Monitor&#x27;s note" in html and "Edit the case" not in html
    assert client.get(reverse("justice:list")).status_code == 200
    assert client.get(reverse("justice:figures")).status_code == 200
    for url in justice_urls(full_case):
        if url.endswith(("/edit/", "/new/", "/delete/", "/confirm/")):
            method = client.post if url.endswith(("/delete/", "/confirm/")) else client.get
            assert method(url).status_code == 403, url
    assert Verdict.objects.count() == 1


def test_the_case_page_shows_every_part(
    client_for, personas, full_case, django_assert_max_num_queries
):
    client = client_for(personas.trial_monitor)
    url = reverse("justice:detail", args=[full_case["court_case"].pk])
    with django_assert_max_num_queries(25):
        html = client.get(url).content.decode()
    for text in (
        "Key dates", "Defendant D1", "CC BiH, Art. 186 – Trafficking in human beings",
        "plea agreement", "3 months in prison, suspended (probation 1 year)", "Hearings",
        "Verdict pronounced in public.", "Injured parties and compensation", "30,000 BAM",
        "15,000 BAM", "5,000 BAM", "Edit the case", 'data-label="Outcome"',
    ):  # fmt: skip
        assert text in html, text


def test_the_list_filters_and_answers_htmx_with_the_results_only(client_for, personas, full_case):
    client = client_for(personas.trial_monitor)
    number = full_case["court_case"].case_number
    page = client.get(reverse("justice:list"), {"article": "bih:186"}).content.decode()
    assert number in page and "<html" in page
    partial = client.get(reverse("justice:list"), {"status": "ongoing"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and number not in partial.content.decode()


def test_a_monitor_records_a_case_from_the_form(client_for, personas, orgs):
    client = client_for(personas.trial_monitor)
    assert client.get(reverse("justice:create")).status_code == 200
    response = client.post(reverse("justice:create"), {
        "court": "cantonal_mostar", "case_number": "07 0 K 019654 24 K", "stage": "indictment",
        "monitoring_started_on": "2024-03-04", "indictment_filed_on": "2024-02-15",
        "exploitation_forms": ["sexual"],
    })  # fmt: skip
    court_case = CourtCase.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/justice/{court_case.pk}/"
    assert court_case.monitoring_organisation == orgs.monitor


def test_form_errors_are_shown_on_their_fields(client_for, personas):
    client = client_for(personas.trial_monitor)
    response = client.post(reverse("justice:create"), {
        "court": "court_bih", "case_number": "S1 2 K 000001 24 K", "stage": "final",
        "monitoring_started_on": "2024-03-04",
    })  # fmt: skip
    assert response.status_code == 200
    assert "A final case needs the date of the final decision." in response.content.decode()
    assert 'id="id_final_decision_on_error"' in response.content.decode()
    assert not CourtCase.objects.exists()


def test_a_stale_edit_is_refused_with_a_message(client_for, personas, full_case):
    court_case = full_case["court_case"]
    client = client_for(personas.trial_monitor)
    url = reverse("justice:edit", args=[court_case.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(court=court_case.court_id, notes="first", exploitation_forms=[])
    assert client.post(url, data).status_code == 302
    data["notes"] = "second, from an old page"
    response = client.post(url, data)
    assert "Someone else changed this record" in response.content.decode()
    court_case.refresh_from_db()
    assert court_case.notes == "first" and court_case.version == 2


def test_the_child_forms_record_defendants_charges_verdicts_hearings_parties_claims(
    client_for, personas, new_court_case
):
    victim = case_create(actor=personas.coordinator, identified_on=d(2024, 3, 1), sex="female")
    court_case = new_court_case(
        stage="first_instance_verdict", first_instance_verdict_on=d(2024, 6, 3)
    )
    client = client_for(personas.trial_monitor)

    def post(name, pk, data):
        response = client.post(reverse(f"justice:{name}", args=[pk]), data)
        assert response.status_code == 302, response.content.decode()[:3000]

    post("defendant_add", court_case.pk, {"sex": "female", "age": "33", "citizenship": "BA"})
    defendant = Defendant.objects.get()
    post("charge_add", defendant.pk, {"article": "bih:186", "qualification": "initial"})
    post("charges_confirm", defendant.pk, {})
    post("verdict_add", defendant.pk, {
        "instance": "1", "outcome": "convicted", "pronounced_on": "2024-06-03",
        "sentence-imprisonment_months": "18",
    })  # fmt: skip
    post(
        "hearing_add",
        court_case.pk,
        {"held_on": "2024-06-03", "kind": "verdict", "outcome": "held"},
    )
    post("injured_party_add", court_case.pk, {
        "sex": "female", "age_group": "adult", "victim_case_code": victim.code,
    })  # fmt: skip
    party = court_case.injured_parties.get()
    post(
        "claim_add",
        party.pk,
        {"claimed_bam": "1000", "outcome": "pending", "defendant": defendant.pk},
    )
    assert defendant.charges.count() == 2
    assert Verdict.objects.get().sentence.imprisonment_months == 18
    assert Hearing.objects.count() == 1 and party.victim_case_id == victim.pk
    assert party.claims.get().defendant == defendant
    page = client.get(reverse("justice:detail", args=[court_case.pk])).content.decode()
    assert victim.code in page and "1 year 6 months in prison" in page

    response = client.post(reverse("justice:verdict_add", args=[defendant.pk]), {
        "instance": "2", "outcome": "acquitted", "pronounced_on": "2024-09-03",
        "sentence-fine_bam": "300",
    })  # fmt: skip
    assert response.status_code == 200
    assert "Only a conviction or a plea agreement carries a sentence" in response.content.decode()


def test_the_figures_page_shows_a_period(client_for, personas, full_case):
    client = client_for(personas.coordinator)
    html = client.get(reverse("justice:figures"), {"period": "2024"}).content.decode()
    assert "Convicted in finalized cases" in html and "3 months" in html
    assert "Trafficking in human beings" in html
    bad = client.get(reverse("justice:figures"), {"period": "2024-Q3"}).content.decode()
    assert "expected YYYY, YYYY-H1 or YYYY-H2" in bad


def test_the_catalogue_page_lists_the_codes(client_for, personas):
    html = client_for(personas.trial_monitor).get(reverse("justice:catalogue")).content.decode()
    assert "Criminal Code of the Federation of Bosnia and Herzegovina" in html
    assert "fbih:210a" in html


def test_the_menu_offers_trial_monitoring_to_monitors_and_coordinators(client_for, personas):
    for role, expected in (("trial_monitor", True), ("coordinator", True), ("partner", False)):
        html = client_for(getattr(personas, role)).get("/").content.decode()
        assert ('href="/justice/"' in html) is expected, role
