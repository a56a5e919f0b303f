"""With NRM_EMAIL_URL=file:///dir, a referral writes one e-mail per case worker of the
receiving organisation: the case code and a link, never the person's name or birth date."""

import datetime
import email
from pathlib import Path

import pytest

from nrm.cases.services import case_create, referral_create
from nrm.core.email_url import parse_email_url
from nrm.core.roles import Role
from nrm.testing.factories import make_user


@pytest.fixture
def mail_folder(settings, tmp_path):
    for name, value in parse_email_url(f"file://{tmp_path}").items():
        setattr(settings, name, value)
    return tmp_path


@pytest.mark.django_db
def test_a_referral_writes_one_email_per_case_worker_with_code_and_link_only(
    personas, orgs, mail_folder, django_capture_on_commit_callbacks
):
    second = make_user("t_case_worker_2", orgs.safe_house, Role.CASE_WORKER)
    for user in (personas.case_worker, second):
        user.email = f"{user.username}@example.org"
        user.save()
    case = case_create(
        actor=personas.field_identifier,
        identified_on=datetime.date(2024, 3, 1),
        first_name="Amra",
        last_name="Testović",
        birth_date=datetime.date(2007, 5, 19),
        sex="female",
        consent_referral=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        referral_create(
            actor=personas.field_identifier,
            case=case,
            to_organisation=orgs.safe_house,
            service_type="shelter",
            note="Needs a place tonight.",
            urgent=True,
        )
    files = sorted(Path(mail_folder).iterdir())
    assert len(files) == 2
    recipients = set()
    for path in files:
        message = email.message_from_bytes(path.read_bytes())
        recipients.add(message["To"])
        payload = message.get_payload(decode=True)
        assert isinstance(payload, bytes)
        text = message["Subject"] + payload.decode("utf-8")
        assert case.code in text
        assert "http://localhost:8000/inbox/" in text
        for personal in ("Amra", "Testović", "Testovic", "2007", "19.05", "19 May", "tonight"):
            assert personal not in text, personal
    assert recipients == {"t_case_worker@example.org", "t_case_worker_2@example.org"}
