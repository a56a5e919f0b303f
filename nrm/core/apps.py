from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NrmAppConfig(AppConfig):
    """An NRM application, with the hooks the project-wide commands look for.

    - `navigation`: dotted path of `f(user) -> list[NavItem]`, the menu entries this app
      offers to that user (nrm.core.navigation).
    - `statistics`: {family key: dotted path of a selector `f(*, period, actor=None, **filters)
      -> dict`}; `nrm stats`, the dashboard, the API and the bulletin all call these.
    - `quality_checks`: dotted paths of `f(*, period) -> list[Finding]` (nrm.core.quality).
    - `demo_loader`: dotted path of `f() -> None` that loads this app's demo data
      idempotently; `demo_order` sorts the loaders (accounts first).
    - `work_queues`: dotted paths of `f(user) -> list[WorkQueue]` (nrm.core.queues), what
      waits for that user in this app; the home page shows them.
    - `demo_summary`: dotted path of `f() -> list[str]`, lines `nrm demo` prints after loading
      (the accounts app lists the demo accounts).
    - `importers`: {format: dotted path of an `nrm.core.imports.Importer`}; `nrm import
      <format> FILE` runs it.
    - `notification_kinds`: dotted path of a sequence of `NotificationKind`
      (nrm.core.notifications), what this app may notify users about.
    - `daily_jobs`: dotted paths of `f(now) -> int`, idempotent work that `nrm notifications`
      runs (from cron) before sending the digests, e.g. notifying overdue tasks; each returns
      how many things it did.
    - `personal_data`: dotted path of a module with `export(case_ids) -> list[PersonalSection]`
      (what this app holds on the person of those cases, for an access request) and
      `erase(case_ids) -> int` (clears this app's identifying values and free texts of those
      cases, keeping what statistics count); nrm.core.personal_data.
    - `attachment_owners`: {kind: dotted path of an `nrm.core.attachments.AttachmentOwner`},
      the records of this app that documents may be attached to (e.g. "case"); the owner
      finds a record for a reader with the app's own selector, so its access rule applies.
    - `search`: dotted path of `f(user, query) -> list[SearchResult]` (nrm.core.search), what
      the search box finds in this app for that user; a fixed number of queries.
    """

    default = False  # a base class; each app's own config sets default = True
    default_auto_field = "django.db.models.BigAutoField"
    navigation: str | None = None
    statistics: dict[str, str] = {}
    quality_checks: list[str] = []
    demo_loader: str | None = None
    demo_order: int = 100
    demo_summary: str | None = None
    work_queues: list[str] = []
    importers: dict[str, str] = {}
    notification_kinds: str | None = None
    daily_jobs: list[str] = []
    personal_data: str | None = None
    attachment_owners: dict[str, str] = {}
    search: str | None = None


class CoreConfig(NrmAppConfig):
    default = True
    name = "nrm.core"
    label = "core"
    verbose_name = _("Core")
    navigation = "nrm.core.navigation.core_navigation"

    def ready(self) -> None:
        from nrm.core.cache import create_cache_table
        from nrm.core.reference import sync_municipalities

        post_migrate.connect(sync_municipalities, sender=self)
        post_migrate.connect(create_cache_table, sender=self)
