"""Fixture factories shared by the apps' tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import transaction


def loaded_once_per_module(*loaders: Callable[[], None]) -> Any:
    """A module fixture: `loaders` run once for the module's tests, inside a transaction that
    is rolled back after them; each test still rolls back its own changes (as in Django's
    TestCase with setUpTestData). For tests of demo loaders that need part of the demo."""

    @pytest.fixture(scope="module")
    def loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
        with django_db_blocker.unblock(), transaction.atomic():
            for load in loaders:
                load()
            yield
            transaction.set_rollback(True)

    return loaded
