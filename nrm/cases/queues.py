"""What waits for a user in the cases app: the home page's work queues (nrm.core.queues).

Reads go through this app's selectors and rules, like every read; each queue costs a fixed
number of queries whatever its length.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.cases import rules, selectors
from nrm.cases.models import AccessGrant, GrantStatus, Referral, ReferralStatus
from nrm.core.queues import QueueItem, WorkQueue, by_urgency
from nrm.core.roles import Role, has_role
from nrm.core.templatetags.nrm import in_reader_script

QUEUE_SIZE = 10
# Answers to one's referrals stay on the home page this long.
RECENT_ANSWERS_DAYS = 14
# Access grants about to end are shown this many days ahead.
GRANT_ENDING_DAYS = 3


def _moment(day: datetime.date, hour: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _queue(key: str, title: Any, items: list[QueueItem], more_url: str, order: int) -> WorkQueue:
    return WorkQueue(
        key=key,
        title=title,
        items=items[:QUEUE_SIZE],
        total=len(items),
        more_url=more_url,
        order=order,
    )


def _referral_item(referral: Referral, action: Any, detail: str = "") -> QueueItem:
    return QueueItem(
        title=_("Case %(code)s · %(service)s")
        % {"code": referral.case.code, "service": referral.get_service_type_display()},
        url=reverse("cases:referral", args=[referral.pk]),
        since=referral.created_at,
        action=action,
        due=rules.referral_response_due(referral),
        urgent=referral.urgent,
        detail=detail,
    )


def referrals_waiting(user: Any) -> WorkQueue:
    """Referrals sent to the user's organisation and not answered yet: urgent ones on top,
    then the oldest; each due by the response-time rule."""
    pending = selectors.referral_inbox(actor=user, status=ReferralStatus.PENDING)
    now = timezone.now()
    items = [
        _referral_item(
            r,
            _("Accept or decline"),
            _("from %(sender)s") % {"sender": in_reader_script(str(r.from_organisation))},
        )
        for r in pending
    ]
    return _queue(
        "cases.referrals_waiting",
        gettext_lazy("Referrals waiting for your answer"),
        by_urgency(items, now),
        reverse("cases:referrals") + "?box=received&status=pending",
        10,
    )


def referrals_sent(user: Any) -> WorkQueue:
    """The field identifier's own referrals: those still waiting, and recent answers."""
    since = timezone.localdate() - datetime.timedelta(days=RECENT_ANSWERS_DAYS)
    mine = selectors.referral_outbox(actor=user).filter(referred_by=user)
    waiting = mine.filter(status=ReferralStatus.PENDING)
    answered = mine.filter(
        status__in=(ReferralStatus.ACCEPTED, ReferralStatus.DECLINED), responded_on__gte=since
    )
    items = [
        _referral_item(
            r,
            _("Waiting for %(receiver)s to answer")
            % {"receiver": in_reader_script(str(r.to_organisation))},
        )
        for r in waiting
    ]
    for referral in answered:
        declined = referral.status == ReferralStatus.DECLINED
        items.append(
            QueueItem(
                title=_("Case %(code)s · %(service)s")
                % {"code": referral.case.code, "service": referral.get_service_type_display()},
                url=reverse("cases:referral", args=[referral.pk]),
                since=_moment(referral.responded_on or since, 9),
                action=_("Declined: refer elsewhere") if declined else _("Accepted"),
                urgent=declined,
                detail=in_reader_script(str(referral.to_organisation)),
            )
        )
    return _queue(
        "cases.referrals_sent",
        gettext_lazy("Your referrals and their answers"),
        by_urgency(items, timezone.now()),
        reverse("cases:referrals") + "?box=sent",
        20,
    )


def access_requests_to_answer(user: Any) -> WorkQueue:
    grants = selectors.grant_requests_waiting(actor=user)
    items = [
        QueueItem(
            title=_("Case %(code)s") % {"code": g.case.code},
            url=reverse("cases:detail", args=[g.case.code]) + "#grants-heading",
            since=g.created_at,
            action=_("Grant or refuse a coordinator's access to who the person is"),
            detail=in_reader_script(str(g.grantee.organisation or "")),
        )
        for g in grants
    ]
    return _queue(
        "cases.access_requests",
        gettext_lazy("Access requests to answer"),
        items,
        reverse("cases:referrals"),
        40,
    )


def _ending(qs: Any) -> Any:
    today = timezone.localdate()
    return qs.filter(
        status=GrantStatus.GRANTED,
        expires_on__gte=today,
        expires_on__lte=today + datetime.timedelta(days=GRANT_ENDING_DAYS),
    ).order_by("expires_on", "pk")


def grants_ending_given(user: Any) -> WorkQueue:
    """Access the user's organisation gave to coordinators, ending in the next few days."""
    grants = _ending(
        AccessGrant.objects.filter(case__organisation_id=user.organisation_id)
    ).select_related("case", "grantee__organisation")
    items = [
        QueueItem(
            title=_("Case %(code)s") % {"code": g.case.code},
            url=reverse("cases:detail", args=[g.case.code]) + "#grants-heading",
            since=g.decided_at or g.created_at,
            action=_("Access ends soon: revoke it now if it is no longer needed"),
            due=_moment(g.expires_on + datetime.timedelta(days=1)),
            detail=in_reader_script(str(g.grantee.organisation or "")),
        )
        for g in grants
        if rules.can_decide_grant(user, g.case)
    ]
    return _queue("cases.grants_ending", gettext_lazy("Access grants about to end"), items, "", 45)


def coordinator_grants(user: Any) -> WorkQueue:
    """The coordinator's own requests: waiting for an answer, or granted and ending soon."""
    own = AccessGrant.objects.filter(grantee=user).select_related("case")
    waiting = own.filter(status=GrantStatus.REQUESTED).order_by("created_at")
    items = [
        QueueItem(
            title=_("Case %(code)s") % {"code": g.case.code},
            url=reverse("cases:detail", args=[g.case.code]),
            since=g.created_at,
            action=_("Waiting for the holder of the case to answer"),
        )
        for g in waiting
    ]
    items += [
        QueueItem(
            title=_("Case %(code)s") % {"code": g.case.code},
            url=reverse("cases:detail", args=[g.case.code]),
            since=g.decided_at or g.created_at,
            action=_("Your access ends soon: ask again if you still need it"),
            due=_moment(g.expires_on + datetime.timedelta(days=1)),
        )
        for g in _ending(own)
    ]
    return _queue(
        "cases.my_access_requests",
        gettext_lazy("Your requests to see who a person is"),
        items,
        "",
        45,
    )


def referrals_overdue_everywhere(user: Any) -> WorkQueue:
    """For the coordinator: referrals anywhere not answered in time (oversight)."""
    now = timezone.now()
    pending = selectors.referral_list(actor=user, status=ReferralStatus.PENDING)
    items = [
        _referral_item(
            r,
            _("Ask %(receiver)s to answer")
            % {"receiver": in_reader_script(str(r.to_organisation))},
            _("from %(sender)s") % {"sender": in_reader_script(str(r.from_organisation))},
        )
        for r in pending
    ]
    overdue = [item for item in items if item.overdue(now)]
    return _queue(
        "cases.referrals_overdue",
        gettext_lazy("Referrals not answered in time"),
        by_urgency(overdue, now),
        reverse("cases:referrals") + "?box=all&status=pending",
        25,
    )


def cases_assigned_to_me(user: Any) -> WorkQueue:
    """Open cases the user is the responsible worker of; a plan review due marks the date."""
    items = []
    for assignment in selectors.cases_assigned_to(actor=user):
        case = assignment.case
        plan = getattr(case, "plan", None)
        review = plan.review_on if plan is not None else None
        items.append(
            QueueItem(
                title=_("Case %(code)s") % {"code": case.code},
                url=reverse("cases:detail", args=[case.code]),
                since=assignment.updated_at,
                action=_("Review the plan with the person")
                if review is not None
                else _("Draw up the assistance plan")
                if plan is None
                else _("Follow the plan"),
                due=_moment(review + datetime.timedelta(days=1)) if review else None,
                detail=case.get_status_display(),
            )
        )
    return _queue(
        "cases.assigned_to_me",
        gettext_lazy("Cases assigned to you"),
        by_urgency(items, timezone.now()),
        reverse("cases:list") + "?assigned=me",
        15,
    )


def case_queues(user: Any) -> list[WorkQueue]:
    queues: list[WorkQueue] = []
    if user.organisation_id is None:
        return queues
    if has_role(user, Role.CASE_WORKER, Role.FIELD_IDENTIFIER):
        queues.append(referrals_waiting(user))
        queues.append(access_requests_to_answer(user))
    if has_role(user, Role.FIELD_IDENTIFIER):
        queues.append(referrals_sent(user))
    if has_role(user, Role.CASE_WORKER):
        queues.append(grants_ending_given(user))
        queues.append(cases_assigned_to_me(user))
    if has_role(user, Role.COORDINATOR):
        queues.append(referrals_overdue_everywhere(user))
        queues.append(coordinator_grants(user))
    return queues
