"""Demo notifications: what the demo's recent events would have told each user (idempotent).

The other apps load their demo data silenced (nrm.inbox.services.silenced); this loader then
notifies of the events still open, as the services would have, dated when they happened.
Older ones are marked read. No e-mail goes out for demo data.
"""

from __future__ import annotations

import datetime

from axes.models import AccessAttempt
from django.utils import timezone

from nrm.accounts.demo import DemoAccount, ensure_demo_user
from nrm.accounts.notifications import SIGN_IN_LOCKED
from nrm.accounts.selectors import active_users_with_role, members_with_role
from nrm.activities import notifications as activity_kinds
from nrm.activities.models import Activity, ActivityStatus
from nrm.cases import notifications as case_kinds
from nrm.cases.models import AccessGrant, GrantStatus, Referral, ReferralStatus
from nrm.cases.services import referral_senders
from nrm.core.audit import audit_actor
from nrm.core.registry import daily_jobs
from nrm.core.roles import Role
from nrm.inbox.models import EmailState, Notification
from nrm.inbox.services import notify
from nrm.inbox.texts import names_in_every_language
from nrm.screening import notifications as screening_kinds
from nrm.screening.models import PublicReport, ReportStatus

# Notifications older than this are shown as read.
UNREAD_DAYS = 400


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _dated(notifications: list[Notification], moment: datetime.datetime) -> None:
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(created_at=moment)


def load_demo() -> None:
    if Notification.objects.exists():
        return
    with audit_actor(None, via="demo data"):
        _referrals()
        _access_requests()
        _reports()
        _activities()
        _sign_in_trouble()
        for job in daily_jobs():  # overdue tasks, hearings in the next days
            job(timezone.now())
    now = timezone.now()
    Notification.objects.filter(created_at__lt=now - datetime.timedelta(days=UNREAD_DAYS)).update(
        read_at=now
    )
    # Demo data send no e-mail (the addresses are fictional anyway).
    Notification.objects.update(email_state=EmailState.NONE)


def _referrals() -> None:
    pending = Referral.objects.filter(status=ReferralStatus.PENDING).select_related(
        "case", "from_organisation", "to_organisation"
    )
    for referral in pending:
        sent = notify(
            actor=None,
            kind=case_kinds.URGENT_REFERRAL_RECEIVED
            if referral.urgent
            else case_kinds.REFERRAL_RECEIVED,
            recipients=members_with_role(
                organisation_id=referral.to_organisation_id, roles=case_kinds.ANSWERING_ROLES
            ),
            url=f"/cases/referrals/{referral.pk}/",
            params={
                "code": referral.case.code,
                "sender_name": names_in_every_language(referral.from_organisation),
            },
        )
        _dated(sent, referral.created_at)
    answered = (
        Referral.objects.filter(
            status__in=(ReferralStatus.ACCEPTED, ReferralStatus.DECLINED),
            responded_on__year__gte=timezone.localdate().year - 1,
        )
        .select_related("case", "to_organisation", "from_organisation", "referred_by")
        .order_by("responded_on")
    )
    for referral in answered:
        kind = (
            case_kinds.REFERRAL_ACCEPTED
            if referral.status == ReferralStatus.ACCEPTED
            else case_kinds.REFERRAL_DECLINED
        )
        sent = notify(
            actor=None,
            kind=kind,
            recipients=referral_senders(referral),
            url=f"/cases/referrals/{referral.pk}/",
            params={
                "code": referral.case.code,
                "receiver_name": names_in_every_language(referral.to_organisation),
            },
        )
        _dated(sent, _at(referral.responded_on or timezone.localdate()))


def _access_requests() -> None:
    for grant in AccessGrant.objects.filter(status=GrantStatus.REQUESTED).select_related("case"):
        holders = list(
            members_with_role(organisation_id=grant.case.organisation_id, roles=(Role.CASE_WORKER,))
        )
        if grant.case.created_by is not None:
            holders.append(grant.case.created_by)
        sent = notify(
            actor=None,
            kind=case_kinds.ACCESS_REQUESTED,
            recipients=holders,
            url=f"/cases/{grant.case.code}/",
            params={"code": grant.case.code},
        )
        _dated(sent, grant.created_at)


def _reports() -> None:
    coordinators = list(active_users_with_role(roles=(Role.COORDINATOR,)))
    for report in PublicReport.objects.exclude(status=ReportStatus.CLOSED):
        sent = notify(
            actor=None,
            kind=screening_kinds.REPORT_RECEIVED,
            recipients=coordinators,
            url=f"/screening/reports/{report.reference}/",
            params={"reference": report.reference},
        )
        _dated(sent, _at(report.received_on))


def _activities() -> None:
    for activity in Activity.objects.filter(status=ActivityStatus.RETURNED):
        notify(
            actor=None,
            kind=activity_kinds.REPORT_RETURNED,
            recipients=members_with_role(
                organisation_id=activity.reporter_id, roles=(Role.PARTNER, Role.COORDINATOR)
            ),
            url=f"/activities/{activity.pk}/",
            params={"number": activity.pk},
        )
    told: dict[int, int] = {}
    for activity in Activity.objects.filter(status=ActivityStatus.APPROVED).order_by("-pk"):
        told[activity.reporter_id] = told.get(activity.reporter_id, 0) + 1
        if told[activity.reporter_id] > 2:  # the two latest approvals of each reporter
            continue
        sent = notify(
            actor=None,
            kind=activity_kinds.REPORT_APPROVED,
            recipients=members_with_role(
                organisation_id=activity.reporter_id, roles=(Role.PARTNER,)
            ),
            url=f"/activities/{activity.pk}/",
            params={"number": activity.pk},
        )
        _dated(sent, timezone.now() - datetime.timedelta(days=2))
    submitted = Activity.objects.filter(status=ActivityStatus.SUBMITTED).select_related("reporter")
    coordinators = list(active_users_with_role(roles=(Role.COORDINATOR,)))
    for activity in submitted.order_by("-submitted_at")[:3]:
        notify(
            actor=None,
            kind=activity_kinds.REPORT_SUBMITTED,
            recipients=coordinators,
            url=f"/activities/{activity.pk}/",
            params={
                "number": activity.pk,
                "reporter_name": names_in_every_language(activity.reporter),
            },
        )


def _sign_in_trouble() -> None:
    """A new colleague's account waits for a role; someone guessed at a user name yesterday
    (locked), and a case worker mistyped her password twice."""
    ensure_demo_user(DemoAccount("newcolleague", "csw_sarajevo", (), "Demo", "New Colleague"))
    now = timezone.now()
    for username, failures, hours in (("admin1", 5, 26), ("caseworker", 2, 50)):
        attempt = AccessAttempt.objects.create(
            username=username,
            ip_address=None,
            user_agent="demo",
            get_data="",
            post_data="",
            http_accept="",
            path_info="/accounts/login/",
            failures_since_start=failures,
        )
        AccessAttempt.objects.filter(pk=attempt.pk).update(
            attempt_time=now - datetime.timedelta(hours=hours)
        )
    sent = notify(
        actor=None,
        kind=SIGN_IN_LOCKED,
        recipients=active_users_with_role(roles=(Role.ADMIN, Role.AUDITOR)),
        url="/",
        params={"count": 5},
    )
    _dated(sent, now - datetime.timedelta(hours=26))
