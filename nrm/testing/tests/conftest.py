"""The demo for the matrix and the canary crawl."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from nrm.accounts.models import User
from nrm.testing import matrix
from nrm.testing.factories import make_user


@pytest.fixture(scope="package")
def demo(demo_database: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo for this package's tests, with a user without a role (each test runs in its
    own transaction); the empty database again after them."""
    with django_db_blocker.unblock():
        demo_database.restore_demo()
        coordinator = User.objects.get(username=matrix.PERSONAS["coordinator"])
        make_user(matrix.PERSONAS["norole"], coordinator.organisation)
    yield
    with django_db_blocker.unblock():
        demo_database.restore_empty()
