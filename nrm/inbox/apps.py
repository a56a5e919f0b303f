from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class InboxConfig(NrmAppConfig):
    """Notifications: the bell, the list, e-mail at once or in a daily digest, preferences.

    Other apps declare their kinds (`notification_kinds`) and call `nrm.inbox.services.notify`.
    """

    default = True
    name = "nrm.inbox"
    label = "inbox"
    verbose_name = _("Notifications")
    demo_loader = "nrm.inbox.demo.load_demo"
    demo_order = 200  # after every app whose services notify
