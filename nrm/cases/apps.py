from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class CasesConfig(NrmAppConfig):
    default = True
    name = "nrm.cases"
    label = "cases"
    verbose_name = _("Cases")
