"""Notifying: stored in the caller's transaction, e-mailed after it commits, never lost."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from nrm.core.errors import NotFound, PermissionDenied, ValidationError
from nrm.inbox import services
from nrm.inbox.models import EmailState, Notification, NotificationPreference

KIND = "cases.referral_received"
PARAMS = {"code": "V-2024-0042", "sender_name": {"en": "Test Police", "bs": "Test Policija"}}


def tell(actor, *recipients, kind=KIND, params=PARAMS):
    return services.notify(
        actor=actor, kind=kind, recipients=recipients, url="/cases/referrals/1/", params=params
    )


@pytest.mark.django_db
def test_each_recipient_gets_one_notification_but_never_the_actor(personas):
    personas.case_worker.email = "cw@example.org"
    personas.case_worker.save()
    stored = tell(personas.field_identifier, personas.case_worker, personas.field_identifier)
    assert [n.recipient for n in stored] == [personas.case_worker]
    assert stored[0].email_state == EmailState.PENDING
    assert stored[0].read_at is None


@pytest.mark.django_db
def test_inactive_users_and_unknown_kinds(personas):
    personas.case_worker.is_active = False
    personas.case_worker.save()
    assert tell(None, personas.case_worker) == []
    with pytest.raises(ValueError, match="unknown notification kind"):
        tell(None, personas.outsider, kind="cases.nothing_like_it")


@pytest.mark.django_db
def test_each_user_chooses_per_kind(personas):
    personas.case_worker.email = "cw@example.org"
    personas.case_worker.save()
    personas.outsider.email = "out@example.org"
    personas.outsider.save()
    services.preferences_set(actor=personas.case_worker, choices={KIND: "digest"})
    services.preferences_set(actor=personas.outsider, choices={KIND: "off"})
    states = {
        n.recipient_id: n.email_state
        for n in tell(None, personas.case_worker, personas.outsider, personas.legal_aid_worker)
    }
    assert states == {
        personas.case_worker.pk: EmailState.DIGEST,
        personas.outsider.pk: EmailState.NONE,
        personas.legal_aid_worker.pk: EmailState.NO_ADDRESS,  # no address: the bell only
    }


@pytest.mark.django_db
def test_preferences_refuse_kinds_and_values_that_do_not_exist(personas):
    with pytest.raises(ValidationError) as error:
        services.preferences_set(
            actor=personas.case_worker, choices={KIND: "weekly", "no.such_kind": "off"}
        )
    assert set(error.value.fields) == {KIND, "no.such_kind"}
    # A partner does not receive referrals: the kind is not offered to them.
    with pytest.raises(ValidationError):
        services.preferences_set(actor=personas.partner, choices={KIND: "off"})
    assert not NotificationPreference.objects.exists()


@pytest.mark.django_db
def test_the_email_goes_after_the_commit_with_codes_and_a_link_only(
    personas, django_capture_on_commit_callbacks
):
    personas.case_worker.email = "cw@example.org"
    personas.case_worker.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tell(None, personas.case_worker)
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    text = str(message.subject) + str(message.body)
    assert message.to == ["cw@example.org"]
    assert "V-2024-0042" in text
    assert "http://localhost:8000/inbox/" in message.body
    assert "Test Police" not in text  # organisation names stay in the application
    notification = Notification.objects.get()
    assert notification.email_state == EmailState.SENT and notification.emailed_at


@pytest.mark.django_db
def test_a_failed_sending_keeps_the_notification_and_is_tried_again(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    personas.case_worker.email = "cw@example.org"
    personas.case_worker.save()

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        tell(None, personas.case_worker)
    notification = Notification.objects.get()
    assert notification.email_state == EmailState.FAILED
    assert "mail server down" in notification.email_error
    assert notification.email_attempts == 1
    monkeypatch.undo()
    assert services.retry_failed() == 1
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SENT
    assert services.retry_failed() == 0  # sent once, never twice
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_daily_digest_sends_one_email_per_user_once(personas):
    personas.case_worker.email = "cw@example.org"
    personas.case_worker.save()
    services.preferences_set(actor=personas.case_worker, choices={KIND: "digest"})
    tell(None, personas.case_worker)
    tell(None, personas.case_worker, params={"code": "V-2024-0043"})
    assert services.send_digests() == 1
    assert len(mail.outbox) == 1
    assert "V-2024-0042" in mail.outbox[0].body and "V-2024-0043" in mail.outbox[0].body
    assert "2 notifications" in mail.outbox[0].subject
    assert services.send_digests() == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_silenced_events_notify_nobody(personas):
    with services.silenced():
        assert tell(None, personas.case_worker) == []
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_reading_is_for_the_recipient_only(personas):
    notification = tell(None, personas.case_worker)[0]
    with pytest.raises(NotFound):
        services.mark_read(actor=personas.outsider, notification=notification)
    services.mark_read(actor=personas.case_worker, notification=notification)
    notification.refresh_from_db()
    assert notification.read_at is not None
    tell(None, personas.case_worker)
    assert services.mark_all_read(actor=personas.outsider) == 0
    assert services.mark_all_read(actor=personas.case_worker) == 1


@pytest.mark.django_db
def test_a_user_without_a_role_marks_nothing_read(personas):
    # Found by the authorization matrix: POST /api/v1/notifications/read answered 200.
    with pytest.raises(PermissionDenied):
        services.mark_all_read(actor=personas.norole)
    notification = tell(None, personas.case_worker)[0]
    with pytest.raises(PermissionDenied):
        services.mark_read(actor=personas.norole, notification=notification)
