from __future__ import annotations

from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class JusticeConfig(NrmAppConfig):
    default = True
    name = "nrm.justice"
    label = "justice"
    verbose_name = _("Justice")
    search = "nrm.justice.search.search_court_cases"
    navigation = "nrm.justice.navigation.justice_navigation"
    statistics = {
        "trial_monitoring": "nrm.justice.statistics.trial_monitoring_statistics",
        "compensation": "nrm.justice.statistics.compensation_statistics",
    }
    quality_checks = ["nrm.justice.quality.trial_monitoring_checks"]
    work_queues = ["nrm.justice.queues.justice_queues"]
    attachment_owners = {"court_case": "nrm.justice.attachments.COURT_CASE"}
    notification_kinds = "nrm.justice.notifications.KINDS"
    daily_jobs = ["nrm.justice.reminders.notify_hearings_soon"]
    demo_loader = "nrm.justice.demo.load_demo"
    demo_order = 50
    personal_data = "nrm.justice.personal_data"

    def ready(self) -> None:
        from nrm.justice.reference import sync_reference_data

        post_migrate.connect(sync_reference_data, sender=self)
