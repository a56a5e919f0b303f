from __future__ import annotations

from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class ScreeningConfig(NrmAppConfig):
    default = True
    name = "nrm.screening"
    label = "screening"
    verbose_name = _("Screening")
    search = "nrm.screening.search.search_screening"
    navigation = "nrm.screening.navigation.screening_navigation"
    statistics = {"screening": "nrm.screening.selectors.screening_statistics"}
    work_queues = ["nrm.screening.queues.screening_queues"]
    notification_kinds = "nrm.screening.notifications.KINDS"
    demo_loader = "nrm.screening.demo.load_demo"
    demo_order = 60  # after accounts and cases
    personal_data = "nrm.screening.personal_data"

    def ready(self) -> None:
        from nrm.screening.loading import sync_after_migrate

        # The instrument files are copied into the database after every migrate.
        post_migrate.connect(sync_after_migrate, sender=self)
