"""Who may do what with an activity (docs/permissions.md); services enforce these, templates
use them only to decide which buttons to show.

`actor` None is the system (command line, demo loader) and may do everything.
"""

from __future__ import annotations

from typing import Any

from nrm.activities.models import Activity, ActivityStatus
from nrm.core.roles import Role, has_role

# Roles that read approved activities (the bulletin's content is not confidential).
READER_ROLES = (
    Role.COORDINATOR,
    Role.PARTNER,
    Role.CASE_WORKER,
    Role.FIELD_IDENTIFIER,
    Role.TRIAL_MONITOR,
)
REPORTER_ROLES = (Role.PARTNER, Role.COORDINATOR)
# The statistics of activities are the coordinator's, like every statistic family (the public
# sees them in the published bulletin).
STATISTICS_ROLES = (Role.COORDINATOR,)
EDITABLE_BY_REPORTER = (ActivityStatus.DRAFT, ActivityStatus.RETURNED)


def is_system(actor: Any) -> bool:
    return actor is None


def is_coordinator(actor: Any) -> bool:
    return is_system(actor) or has_role(actor, Role.COORDINATOR)


def can_report(actor: Any) -> bool:
    """May create activities for their own organisation."""
    return is_system(actor) or (
        has_role(actor, *REPORTER_ROLES) and getattr(actor, "organisation_id", None) is not None
    )


def owns(actor: Any, activity: Activity) -> bool:
    """The activity was reported by the actor's organisation, and the actor may report."""
    return (
        not is_system(actor)
        and has_role(actor, *REPORTER_ROLES)
        and actor.organisation_id is not None
        and actor.organisation_id == activity.reporter_id
    )


def can_read(actor: Any, activity: Activity) -> bool:
    if is_coordinator(actor) or owns(actor, activity):
        return True
    return activity.status == ActivityStatus.APPROVED and has_role(actor, *READER_ROLES)


def can_edit(actor: Any, activity: Activity) -> bool:
    """Reporters edit drafts and returned activities; the coordinator edits in review."""
    if is_system(actor):
        return True
    if owns(actor, activity) and activity.status in EDITABLE_BY_REPORTER:
        return True
    return is_coordinator(actor) and activity.status in (
        ActivityStatus.SUBMITTED,
        ActivityStatus.APPROVED,
    )


def can_delete(actor: Any, activity: Activity) -> bool:
    if activity.status not in EDITABLE_BY_REPORTER:
        return False
    return is_system(actor) or owns(actor, activity)


def can_submit(actor: Any, activity: Activity) -> bool:
    return activity.status in EDITABLE_BY_REPORTER and (is_system(actor) or owns(actor, activity))


def can_withdraw(actor: Any, activity: Activity) -> bool:
    return activity.status == ActivityStatus.SUBMITTED and (
        is_system(actor) or owns(actor, activity)
    )


def can_approve(actor: Any, activity: Activity) -> bool:
    return activity.status == ActivityStatus.SUBMITTED and is_coordinator(actor)


def can_return(actor: Any, activity: Activity) -> bool:
    return activity.status in (
        ActivityStatus.SUBMITTED,
        ActivityStatus.APPROVED,
    ) and is_coordinator(actor)


def can_link(actor: Any, activity: Activity) -> bool:
    """Linking reports of one event (and marking them distinct) is the coordinator's call."""
    return activity.status != ActivityStatus.DRAFT and is_coordinator(actor)
