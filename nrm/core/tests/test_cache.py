"""The default cache is a table of the database, shared by every process of the installation."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection

from nrm.core.cache import SharedDatabaseCache


def test_the_default_cache_is_the_shared_database_cache():
    assert isinstance(caches["default"], SharedDatabaseCache)
    assert settings.CACHES["default"]["LOCATION"] == "nrm_cache"


@pytest.mark.django_db
def test_migrate_creates_the_table_and_counters_count_in_it():
    assert "nrm_cache" in connection.introspection.table_names()
    assert cache.add("nrm:test:counter", 1, timeout=60)
    assert cache.incr("nrm:test:counter") == 2
    assert cache.incr("nrm:test:counter", 3) == 5
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM nrm_cache WHERE cache_key LIKE %s", ["%nrm:test:%"])
        assert cursor.fetchone()[0] == 1
    with pytest.raises(ValueError, match="not found"):
        cache.incr("nrm:test:missing")
