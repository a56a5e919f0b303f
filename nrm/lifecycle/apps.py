from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class LifecycleConfig(NrmAppConfig):
    default = True
    name = "nrm.lifecycle"
    label = "lifecycle"
    verbose_name = _("Data lifecycle")
    navigation = "nrm.lifecycle.navigation.lifecycle_navigation"
    work_queues = ["nrm.lifecycle.queues.lifecycle_queues"]
    demo_loader = "nrm.lifecycle.demo.load_demo"
    demo_order = 170
