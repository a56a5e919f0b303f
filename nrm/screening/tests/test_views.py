import datetime
import re

import pytest

from nrm.cases.models import VictimCase
from nrm.screening.models import PublicReport, Screening
from nrm.screening.services import report_assign
from nrm.screening.tests.conftest import ADULT_TRAFFICKING

pytestmark = pytest.mark.django_db
CHECKED_UNKNOWN = re.compile(r'value="unknown"[^>]*\bchecked')
QUESTIONNAIRE = "/screening/new/labour/adult/"


def form_data(answers, **values):
    data = {f"q_{indicator}": answer for indicator, answer in answers.items()}
    data.update({"screened_on": "2024-05-06", "municipality": "", "case": "", "notes": ""})
    data.update(values)
    return data


def test_the_menu_offers_screening_and_the_report_queue_by_role(personas, client_for, inspector):
    def menu(user):
        return client_for(user).get("/").content.decode()

    assert "/screening/reports/" in menu(personas.coordinator)
    assert "/screening/reports/" in menu(personas.field_identifier)  # police
    assert "/screening/reports/" not in menu(inspector)
    assert "/screening/" in menu(inspector) and "/screening/" in menu(personas.case_worker)
    assert "/screening/" not in menu(personas.partner)


def test_choosing_a_context_leads_to_its_questions(personas, client_for):
    client = client_for(personas.field_identifier)
    page = client.get("/screening/new/")
    assert page.status_code == 200 and "online recruitment" in page.content.decode()
    response = client.get("/screening/new/", {"context": "begging", "age_group": "child"})
    assert response.status_code == 302 and response["Location"] == "/screening/new/begging/child/"
    assert client.get("/screening/new/sexual/elderly/").status_code == 404


def test_the_questions_are_grouped_by_element_with_unknown_chosen(personas, client_for):
    html = client_for(personas.case_worker).get(QUESTIONNAIRE).content.decode()
    assert "Deceptive recruitment (including transfer and transport)" in html
    assert "Was the person misled about the kind of work" in html
    assert 'value="unknown" required' not in html
    # The 67 indicators, and the 8 questions of the migrant-labour module.
    assert html.count('value="unknown"') == 67 + 8 and len(CHECKED_UNKNOWN.findall(html)) == 75
    assert "provisional" in html


def test_the_sexual_exploitation_context_uses_the_first_line_checklist(personas, client_for):
    html = client_for(personas.case_worker).get("/screening/new/sexual/child/").content.decode()
    assert "No graded verdict exists for sexual exploitation" in html
    assert "refer at once to the police and the centre for social work" in html
    # The six elements of the definition, each with a field for its evidence, then the 11.
    assert html.count('name="ev_') == 6
    assert len(CHECKED_UNKNOWN.findall(html)) == 6 + 11


def test_showing_the_result_stores_nothing(personas, client_for):
    response = client_for(personas.field_identifier).post(
        QUESTIONNAIRE, form_data(ADULT_TRAFFICKING, action="evaluate")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Result:" in html and "Trafficking" in html
    assert "Police (122) or SIPA" in html and 'href="tel:122"' in html
    assert not Screening.objects.exists()


def test_saving_stores_the_screening_and_shows_it(personas, client_for):
    client = client_for(personas.field_identifier)
    response = client.post(
        QUESTIONNAIRE, form_data(ADULT_TRAFFICKING, action="save", notes="Site B")
    )
    screening = Screening.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/screening/{screening.reference}/"
    )
    assert screening.verdict == "trafficking" and screening.context == "labour"
    assert screening.screened_on == datetime.date(2024, 5, 6) and screening.notes == "Site B"
    page = client.get(response["Location"]).content.decode()
    assert screening.reference in page and "Record as a potential victim" in page
    assert "Deceived about the type of job, the place or the employer" in page


def test_a_bad_case_code_is_shown_on_its_field(personas, client_for):
    response = client_for(personas.field_identifier).post(
        QUESTIONNAIRE, form_data(ADULT_TRAFFICKING, action="save", case="V-1900-0001")
    )
    assert response.status_code == 200
    assert "No case with the code V-1900-0001 is open to you." in response.content.decode()
    assert not Screening.objects.exists()


def test_a_case_is_recorded_from_the_screening_page(personas, client_for, new_screening):
    screening = new_screening(personas.field_identifier)
    client = client_for(personas.field_identifier)
    response = client.post(
        f"/screening/{screening.reference}/case/",
        {
            "sex": "female",
            "age": "29",
            "citizenship": "",
            "exploitation": ["labour"],
            "consent_data_processing": "yes",
            "consent_referral": "",
        },
    )
    assert response.status_code == 302
    screening.refresh_from_db()
    case = VictimCase.objects.get()
    assert screening.case == case and case.sex == "female" and case.age_at_identification == 29
    assert case.consents.get().given is True
    assert case.code in client.get(response["Location"]).content.decode()


def test_an_invalid_age_is_shown_on_the_case_form(personas, client_for, new_screening):
    screening = new_screening(personas.field_identifier)
    response = client_for(personas.field_identifier).post(
        f"/screening/{screening.reference}/case/", {"sex": "male", "age": "15"}
    )
    assert response.status_code == 422
    assert "children&#x27;s set" in response.content.decode()
    assert not VictimCase.objects.exists()


def test_screening_pages_are_scoped(personas, client_for, new_screening):
    screening = new_screening(personas.field_identifier)
    assert (
        client_for(personas.outsider).get(f"/screening/{screening.reference}/").status_code == 404
    )
    assert client_for(personas.partner).get(f"/screening/{screening.reference}/").status_code == 403
    assert client_for(personas.partner).get("/screening/new/").status_code == 403
    assert client_for(personas.partner).get(QUESTIONNAIRE).status_code == 403
    listing = client_for(personas.coordinator).get("/screening/").content.decode()
    assert screening.reference in listing


def test_the_stored_result_is_shown_in_the_readers_language(personas, client_for, new_screening):
    screening = new_screening(personas.field_identifier)
    personas.coordinator.language = "hr"
    personas.coordinator.save()
    html = (
        client_for(personas.coordinator).get(f"/screening/{screening.reference}/").content.decode()
    )
    assert "Vrbovanje obmanom (uključujući premještanje i prijevoz)" in html


# Triage ------------------------------------------------------------------------------------


def test_the_queue_and_a_report_page(personas, client_for, new_report):
    report, _code = new_report(child_involved="yes")
    client = client_for(personas.field_identifier)
    assert report.reference in client.get("/screening/reports/").content.decode()
    page = client.get(f"/screening/reports/{report.reference}/").content.decode()
    assert "passports kept" in page
    from nrm.core.models import AccessEntry

    entry = AccessEntry.objects.get()
    assert entry.actor == personas.field_identifier and entry.object_label == report.reference


def test_triage_actions_from_the_report_page(personas, client_for, new_report, new_case):
    report, _code = new_report()
    client = client_for(personas.coordinator)
    base = f"/screening/reports/{report.reference}/"
    assert client.post(base + "reply/", {"text": "Thank you, we are on it."}).status_code == 302
    assert (
        client.post(base + "assign/", {"assignee": personas.field_identifier.pk}).status_code == 302
    )
    case = new_case(personas.coordinator)
    assert client.post(base + "link/", {"case": case.code}).status_code == 302
    assert client.post(base + "status/", {"action": "close"}).status_code == 302
    report.refresh_from_db()
    assert report.assigned_to == personas.field_identifier and report.case == case
    assert report.status == "closed" and report.messages.get().text == "Thank you, we are on it."
    bad = client.post(base + "link/", {"case": "V-1900-0001"})
    assert bad.status_code == 422 and "V-1900-0001" in bad.content.decode()


def test_the_police_lose_sight_of_a_report_given_to_another_agency(
    personas, client_for, new_report, other_police
):
    report, _code = new_report()
    report_assign(actor=personas.coordinator, report=report, assignee=other_police)
    client = client_for(personas.field_identifier)
    assert client.get(f"/screening/reports/{report.reference}/").status_code == 404
    assert (
        client.post(f"/screening/reports/{report.reference}/reply/", {"text": "x"}).status_code
        == 404
    )


def test_the_queue_is_refused_to_others(personas, client_for, inspector):
    for user in (inspector, personas.case_worker, personas.partner):
        assert client_for(user).get("/screening/reports/").status_code == 403


# Public pages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/public/", "/public/self-check/", "/public/report/", "/public/report/follow-up/"]
)
def test_public_pages_answer_without_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "0800 22 323" in response.content.decode()


def test_the_self_check_shows_warning_signs_and_stores_nothing(client):
    response = client.post(
        "/public/self-check/",
        {
            "offer-q_jo01_fee_for_job": "yes",
            "offer-q_jo04_hand_over_documents": "yes",
            "work-q_fl08_withholding_of_wages": "no",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Asks for a fee for the job, visa or travel" in html
    assert "A warning sign is not proof" in html and "/public/report/" in html
    assert not PublicReport.objects.exists() and not Screening.objects.exists()
    calm = client.post("/public/self-check/", {}).content.decode()
    assert "You did not answer yes to any warning sign" in calm


def test_the_self_check_includes_job_offer_and_online_warning_signs(client):
    html = client.get("/public/self-check/").content.decode()
    assert "pay for the job, the visa" in html
    assert "social media or messaging apps" in html
    assert "Are you stopped from leaving your workplace" in html


def report_data(**values):
    data = {
        "context": "labour",
        "reporter_role": "witness",
        "child_involved": "no",
        "municipality": "",
        "place": "",
        "description": "Workers locked in at night.",
        "website": "",
    }
    data.update(values)
    return data


def test_a_report_is_sent_and_its_code_shown_once(client):
    response = client.post("/public/report/", report_data())
    html = response.content.decode()
    assert response.status_code == 200 and "Your follow-up code" in html
    assert "no-store" in response["Cache-Control"]
    report = PublicReport.objects.get()
    code = html.split('id="follow-up-code">')[1].split("<")[0]
    assert len(code) == 19 and code not in str(PublicReport.objects.values_list())
    assert report.context == "labour" and report.description == "Workers locked in at night."
    assert "sessionid" not in response.cookies  # nothing kept about the visitor


def test_a_report_without_a_description_is_refused(client):
    response = client.post("/public/report/", report_data(description=""))
    assert response.status_code == 422 and "This field is required" in response.content.decode()
    assert not PublicReport.objects.exists()


def test_a_robot_filling_the_hidden_field_is_refused(client):
    response = client.post("/public/report/", report_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "could not be sent" in response.content.decode()
    assert not PublicReport.objects.exists()


def test_a_form_sent_back_too_fast_is_refused(client, settings):
    settings.NRM_REPORT_MIN_SECONDS = 60
    page = client.get("/public/report/").content.decode()
    started = page.split('name="started" value="')[1].split('"')[0]
    response = client.post("/public/report/", report_data(started=started))
    assert response.status_code == 400 and not PublicReport.objects.exists()
    forged = client.post("/public/report/", report_data(started="not-signed"))
    assert forged.status_code == 400 and not PublicReport.objects.exists()


def test_an_empty_form_sent_fast_shows_only_the_real_errors(client, settings):
    settings.NRM_REPORT_MIN_SECONDS = 60
    page = client.get("/public/report/").content.decode()
    started = page.split('name="started" value="')[1].split('"')[0]
    response = client.post("/public/report/", {"started": started})
    html = response.content.decode()
    assert response.status_code == 422 and "This field is required" in html
    assert "could not be sent" not in html
    assert 'href="#id_description"' in html  # the summary links to the field


def test_every_public_page_has_a_quick_exit(client):
    for path in ("/public/", "/public/report/", "/public/self-check/", "/public/statistics/"):
        html = client.get(path).content.decode()
        assert "data-quick-exit" in html and "Leave this site quickly" in html, path


def test_signed_in_pages_have_no_quick_exit(client_for, personas):
    html = client_for(personas.coordinator).get("/").content.decode()
    assert "data-quick-exit" not in html


def test_follow_up_round_trip(client, personas, new_report):
    report, code = new_report()
    from nrm.screening.services import report_reply

    report_reply(actor=personas.coordinator, report=report, text="We have informed the police.")
    report_reply(actor=personas.coordinator, report=report, text="Internal only", internal=True)
    page = client.post("/public/report/follow-up/", {"code": code.lower()})
    html = page.content.decode()
    assert page.status_code == 200 and "We have informed the police." in html
    assert "Internal only" not in html and "passports kept" in html
    added = client.post("/public/report/follow-up/", {"code": code, "text": "The van is white."})
    assert added.status_code == 200 and "Your information is added" in added.content.decode()
    assert [m.text for m in report.messages.filter(kind="reporter")] == ["The van is white."]


def test_a_wrong_or_malformed_code_reveals_nothing(client, new_report):
    new_report()
    wrong = client.post("/public/report/follow-up/", {"code": "K7QF-3M9X-PL2D-8WTR"})
    assert wrong.status_code == 404 and "No report has this code" in wrong.content.decode()
    malformed = client.post("/public/report/follow-up/", {"code": "abc"})
    assert malformed.status_code == 422 and "16 letters and digits" in malformed.content.decode()
