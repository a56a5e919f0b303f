"""When a referral should be answered: hours when urgent, working days otherwise."""

import datetime

from django.test import override_settings

from nrm.cases.models import Referral
from nrm.cases.rules import add_working_days, referral_answered_in_time, referral_response_due

TZ = datetime.UTC


def referral(*, sent: datetime.datetime, urgent: bool = False, answered=None) -> Referral:
    item = Referral(urgent=urgent, responded_on=answered)
    item.created_at = sent
    return item


def test_working_days_skip_the_weekend():
    friday = datetime.datetime(2024, 11, 8, 10, tzinfo=TZ)
    assert add_working_days(friday, 1).date() == datetime.date(2024, 11, 11)
    assert add_working_days(friday, 5).date() == datetime.date(2024, 11, 15)


@override_settings(NRM_REFERRAL_URGENT_HOURS=24, NRM_REFERRAL_RESPONSE_WORKING_DAYS=5)
def test_urgent_referrals_are_due_in_hours_others_in_working_days():
    sent = datetime.datetime(2024, 11, 8, 18, tzinfo=TZ)  # a Friday evening
    assert referral_response_due(referral(sent=sent, urgent=True)) == sent + datetime.timedelta(
        hours=24
    )
    assert referral_response_due(referral(sent=sent)).date() == datetime.date(2024, 11, 15)


@override_settings(NRM_REFERRAL_RESPONSE_WORKING_DAYS=5)
def test_answered_in_time_compares_the_answer_with_the_due_date():
    sent = datetime.datetime(2024, 11, 8, 10, tzinfo=TZ)
    assert referral_answered_in_time(referral(sent=sent)) is None
    assert referral_answered_in_time(referral(sent=sent, answered=datetime.date(2024, 11, 15)))
    assert not referral_answered_in_time(referral(sent=sent, answered=datetime.date(2024, 11, 18)))
