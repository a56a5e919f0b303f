"""The default cache: a table of the installation's database, shared by every process.

Flood limits count in the cache; a per-process cache lets each worker count on its own (two
gunicorn workers accepted twice the limit). Django's database cache is shared, but its `incr`
reads then writes: here the two happen in one transaction holding the row (PostgreSQL: SELECT
... FOR UPDATE; SQLite: the project's IMMEDIATE transactions lock the database).
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connections, router, transaction


class SharedDatabaseCache(DatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        with transaction.atomic(using=db):
            if connection.features.has_select_for_update:
                table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",  # noqa: S608
                        [self.make_and_validate_key(key, version=version)],
                    )
            return super().incr(key, delta, version)


def create_cache_table(using: str = "default", **kwargs: Any) -> None:
    """After `migrate` (post_migrate): the cache's table exists wherever the database does."""
    call_command("createcachetable", database=using, verbosity=0)
