from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class ExchangeConfig(NrmAppConfig):
    default = True
    name = "nrm.exchange"
    label = "exchange"
    verbose_name = _("Exchange and open data")
    navigation = "nrm.exchange.navigation.exchange_navigation"
    importers = {"htcds": "nrm.exchange.htcds_import.HTCDS"}
    demo_loader = "nrm.exchange.demo.load_demo"
    demo_order = 98  # after the bulletin: it releases what the bulletin published
