"""What the cases app notifies about (nrm.core.notifications): referrals and access requests.

E-mail sentences use the case code only; the in-app ones also name organisations.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.notifications import Delivery, NotificationKind
from nrm.core.roles import Role

REFERRAL_RECEIVED = "cases.referral_received"
URGENT_REFERRAL_RECEIVED = "cases.urgent_referral_received"
REFERRAL_ACCEPTED = "cases.referral_accepted"
REFERRAL_DECLINED = "cases.referral_declined"
ACCESS_REQUESTED = "cases.access_requested"
ACCESS_DECIDED = "cases.access_decided"
CASE_ASSIGNED = "cases.case_assigned"

ANSWERING_ROLES = (Role.CASE_WORKER, Role.FIELD_IDENTIFIER)
REFERRING_ROLES = (Role.COORDINATOR, Role.CASE_WORKER, Role.FIELD_IDENTIFIER)

KINDS = [
    NotificationKind(
        URGENT_REFERRAL_RECEIVED,
        _("An urgent referral is received"),
        _("Urgent: %(sender_name)s referred case %(code)s to your organisation."),
        _("Urgent referral of case %(code)s to your organisation: please answer today."),
        Delivery.IMMEDIATE,
        ANSWERING_ROLES,
    ),
    NotificationKind(
        REFERRAL_RECEIVED,
        _("A referral is received"),
        _("%(sender_name)s referred case %(code)s to your organisation."),
        _("Referral of case %(code)s to your organisation: please accept or decline it."),
        Delivery.IMMEDIATE,
        ANSWERING_ROLES,
    ),
    NotificationKind(
        REFERRAL_ACCEPTED,
        _("A referral you sent is accepted"),
        _("%(receiver_name)s accepted the referral of case %(code)s."),
        _("The referral of case %(code)s is accepted."),
        Delivery.IMMEDIATE,
        REFERRING_ROLES,
    ),
    NotificationKind(
        REFERRAL_DECLINED,
        _("A referral you sent is declined"),
        _("%(receiver_name)s declined the referral of case %(code)s: refer elsewhere."),
        _("The referral of case %(code)s is declined: please refer elsewhere."),
        Delivery.IMMEDIATE,
        REFERRING_ROLES,
    ),
    NotificationKind(
        ACCESS_REQUESTED,
        _("A coordinator asks to see who a person is"),
        _("A coordinator asks to see who the person of case %(code)s is."),
        _("A coordinator asks to see who the person of case %(code)s is: please answer."),
        Delivery.DIGEST,
        ANSWERING_ROLES,
    ),
    NotificationKind(
        ACCESS_DECIDED,
        _("Your access request is answered"),
        _("%(holder_name)s answered your request to see who the person of case %(code)s is."),
        _("Your request to see who the person of case %(code)s is has been answered."),
        Delivery.IMMEDIATE,
        (Role.COORDINATOR,),
    ),
    NotificationKind(
        CASE_ASSIGNED,
        _("A case is assigned to you"),
        _("You are now the responsible worker of case %(code)s in your organisation."),
        _("You are now the responsible worker of case %(code)s: please open it in NRM."),
        Delivery.IMMEDIATE,
        ANSWERING_ROLES,
    ),
]
