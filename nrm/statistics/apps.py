from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class StatisticsConfig(NrmAppConfig):
    default = True
    name = "nrm.statistics"
    label = "statistics"
    verbose_name = _("Statistics")
    navigation = "nrm.statistics.navigation.statistics_navigation"
    quality_checks = ["nrm.statistics.quality.part_whole_checks"]
    work_queues = ["nrm.statistics.queues.statistics_queues"]
    statistics = {"trends": "nrm.statistics.trends.victim_trends"}
    demo_loader = "nrm.statistics.trends.load_demo"
    demo_order = 90
