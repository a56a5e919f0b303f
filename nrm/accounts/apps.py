from __future__ import annotations

from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class AccountsConfig(NrmAppConfig):
    default = True
    name = "nrm.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    navigation = "nrm.accounts.navigation.accounts_navigation"
    demo_loader = "nrm.accounts.demo.load_demo"
    demo_order = 0
    demo_summary = "nrm.accounts.demo.account_summary"
    work_queues = ["nrm.accounts.queues.account_queues"]
    notification_kinds = "nrm.accounts.notifications.KINDS"

    def ready(self) -> None:
        from nrm.core.roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, sender=self)

        from axes.signals import user_locked_out

        from nrm.accounts.notifications import on_locked_out

        user_locked_out.connect(on_locked_out, dispatch_uid="nrm_locked_out_notice")
