from __future__ import annotations

from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class ActivitiesConfig(NrmAppConfig):
    default = True
    name = "nrm.activities"
    label = "activities"
    verbose_name = _("Activities")
    search = "nrm.activities.search.search_activities"
    navigation = "nrm.activities.navigation.activities_navigation"
    statistics = {"activities": "nrm.activities.selectors.activity_statistics"}
    quality_checks = [
        "nrm.activities.quality.possible_duplicates",
        "nrm.activities.quality.parts_exceed_total",
        "nrm.activities.quality.unapproved",
        "nrm.activities.quality.resolved",
    ]
    work_queues = ["nrm.activities.queues.activity_queues"]
    attachment_owners = {"activity": "nrm.activities.attachments.ACTIVITY"}
    notification_kinds = "nrm.activities.notifications.KINDS"
    demo_loader = "nrm.activities.demo.load_demo"
    demo_order = 60

    def ready(self) -> None:
        from nrm.activities.reference import load_funding_programmes

        post_migrate.connect(load_funding_programmes, sender=self)
