from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class ScreeningConfig(NrmAppConfig):
    default = True
    name = "nrm.screening"
    label = "screening"
    verbose_name = _("Screening")
