from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class ActivitiesConfig(NrmAppConfig):
    default = True
    name = "nrm.activities"
    label = "activities"
    verbose_name = _("Activities")
