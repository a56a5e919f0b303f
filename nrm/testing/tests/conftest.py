"""The demo, loaded once per test process for the matrix and the canary crawl."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from nrm.accounts.models import User
from nrm.core.registry import demo_loaders
from nrm.testing import matrix
from nrm.testing.factories import make_user


@pytest.fixture(scope="package")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo, loaded once for this package's tests and rolled back after them (each test
    runs in its own transaction inside this one)."""
    with django_db_blocker.unblock(), transaction.atomic():
        for _label, load in demo_loaders():
            load()
        coordinator = User.objects.get(username=matrix.PERSONAS["coordinator"])
        make_user(matrix.PERSONAS["norole"], coordinator.organisation)
        yield
        transaction.set_rollback(True)
