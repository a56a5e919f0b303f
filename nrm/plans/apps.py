from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class PlansConfig(NrmAppConfig):
    default = True
    name = "nrm.plans"
    label = "plans"
    verbose_name = _("Action plans")
    navigation = "nrm.plans.navigation.plans_navigation"
    work_queues = ["nrm.plans.queues.plan_queues"]
    notification_kinds = "nrm.plans.notifications.KINDS"
    daily_jobs = ["nrm.plans.services.notify_overdue_reports"]
    demo_loader = "nrm.plans.demo.load_demo"
    demo_order = 180  # after activities and justice, before the inbox
    importers = {"plan": "nrm.plans.importers.PLAN"}
