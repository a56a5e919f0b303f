from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class DocumentsConfig(NrmAppConfig):
    default = True
    name = "nrm.documents"
    label = "documents"
    verbose_name = _("Documents")
    demo_loader = "nrm.documents.demo.load_demo"
    demo_order = 210  # after the records documents hang on (and after the inbox's demo)
    personal_data = "nrm.documents.personal_data"
