from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class CasesConfig(NrmAppConfig):
    default = True
    name = "nrm.cases"
    label = "cases"
    verbose_name = _("Cases")
    search = "nrm.cases.search.search_cases"
    navigation = "nrm.cases.navigation.cases_navigation"
    statistics = {
        "victims": "nrm.cases.statistics.victim_statistics",
        "referrals": "nrm.cases.statistics.referral_statistics",
    }
    quality_checks = ["nrm.cases.quality.case_quality_checks"]
    work_queues = ["nrm.cases.queues.case_queues"]
    attachment_owners = {
        "case": "nrm.cases.attachments.CASE",
        "referral": "nrm.cases.attachments.REFERRAL",
    }
    notification_kinds = "nrm.cases.notifications.KINDS"
    demo_loader = "nrm.cases.demo.load_demo"
    demo_order = 20
    personal_data = "nrm.cases.personal_data"
    importers = {"victims": "nrm.cases.importers.VICTIMS"}
