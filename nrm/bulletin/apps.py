from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class BulletinConfig(NrmAppConfig):
    default = True
    name = "nrm.bulletin"
    label = "bulletin"
    verbose_name = _("Bulletin")
    navigation = "nrm.bulletin.navigation.bulletin_navigation"
    demo_loader = "nrm.bulletin.demo.load_demo"
    work_queues = ["nrm.bulletin.queues.bulletin_queues"]
    demo_order = 95  # after every app whose records the bulletin reports
