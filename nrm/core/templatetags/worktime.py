"""How long something has waited, and when it is due, in words (work queues, notifications).

Whole minutes, hours or days, never "2 months, 3 weeks": a case worker counts in days.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


def duration(delta: datetime.timedelta) -> str:
    seconds = max(int(delta.total_seconds()), 0)
    if seconds < 3600:
        minutes = max(seconds // 60, 1)
        return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
    if seconds < 48 * 3600:
        hours = seconds // 3600
        return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    days = seconds // 86400
    return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}


def _moment(value: Any) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return timezone.make_aware(datetime.datetime.combine(value, datetime.time()))
    return None


@register.filter
def age(value: Any) -> str:
    """'3 days ago'-style age of a moment (or a day), without the 'ago'."""
    moment = _moment(value)
    if moment is None:
        return ""
    return duration(timezone.now() - moment)


@register.filter
def due_text(value: Any) -> str:
    """'due in 5 hours' or 'overdue by 3 days'."""
    moment = _moment(value)
    if moment is None:
        return ""
    now = timezone.now()
    if moment < now:
        return _("overdue by %(time)s") % {"time": duration(now - moment)}
    return _("due in %(time)s") % {"time": duration(moment - now)}
