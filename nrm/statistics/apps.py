from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class StatisticsConfig(NrmAppConfig):
    default = True
    name = "nrm.statistics"
    label = "statistics"
    verbose_name = _("Statistics")
