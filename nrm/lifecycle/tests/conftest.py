from __future__ import annotations

import pytest

from nrm.accounts.models import User


@pytest.fixture
def demo(demo_module, db):
    """The demo, loaded once for the module; each test's changes are rolled back."""


@pytest.fixture
def coordinator(demo) -> User:
    return User.objects.get(username="coordinator")
