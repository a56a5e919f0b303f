"""Find the hooks that NRM apps declare on their AppConfig (see NrmAppConfig)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string

from nrm.core.apps import NrmAppConfig


def nrm_apps() -> Iterator[NrmAppConfig]:
    for config in apps.get_app_configs():
        if isinstance(config, NrmAppConfig):
            yield config


def statistic_families() -> dict[str, Callable[..., dict[str, Any]]]:
    families: dict[str, Callable[..., dict[str, Any]]] = {}
    for config in nrm_apps():
        for key, path in config.statistics.items():
            families[key] = import_string(path)
    return families


def quality_checks() -> list[Callable[..., list[Any]]]:
    return [import_string(path) for config in nrm_apps() for path in config.quality_checks]


def demo_loaders() -> list[tuple[str, Callable[[], None]]]:
    configs = sorted((c for c in nrm_apps() if c.demo_loader), key=lambda c: c.demo_order)
    return [(c.label, import_string(c.demo_loader)) for c in configs if c.demo_loader]


def navigation_builders() -> list[Callable[..., list[Any]]]:
    return [import_string(c.navigation) for c in nrm_apps() if c.navigation]


def demo_summaries() -> list[Callable[[], list[str]]]:
    configs = sorted((c for c in nrm_apps() if c.demo_summary), key=lambda c: c.demo_order)
    return [import_string(c.demo_summary) for c in configs if c.demo_summary]


def work_queue_builders() -> list[Callable[..., list[Any]]]:
    return [import_string(path) for config in nrm_apps() for path in config.work_queues]


def importers() -> dict[str, Any]:
    """{format: Importer} of every app, for `nrm import <format>`."""
    return {
        name: import_string(path)
        for config in nrm_apps()
        for name, path in config.importers.items()
    }


def notification_kinds() -> dict[str, Any]:
    """Every app's notification kinds by key (nrm.core.notifications.NotificationKind)."""
    kinds: dict[str, Any] = {}
    for config in nrm_apps():
        if config.notification_kinds:
            for kind in import_string(config.notification_kinds):
                kinds[kind.key] = kind
    return kinds


def daily_jobs() -> list[Callable[..., int]]:
    return [import_string(path) for config in nrm_apps() for path in config.daily_jobs]


def personal_data_modules() -> list[Any]:
    """Every app's module that exports and erases a person's data (NrmAppConfig.personal_data)."""
    return [import_module(c.personal_data) for c in nrm_apps() if c.personal_data]


def attachment_owners() -> dict[str, Any]:
    """{kind: AttachmentOwner} of every app (nrm.core.attachments)."""
    return {
        kind: import_string(path)
        for config in nrm_apps()
        for kind, path in config.attachment_owners.items()
    }


def search_providers() -> list[Callable[..., list[Any]]]:
    return [import_string(c.search) for c in nrm_apps() if c.search]
