from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class JusticeConfig(NrmAppConfig):
    default = True
    name = "nrm.justice"
    label = "justice"
    verbose_name = _("Justice")
