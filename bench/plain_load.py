"""The comparison for the import: pandas `read_csv` (dates parsed) + `to_sql` into a plain table.

Run as its own process (`python -m bench.plain_load CSV DATABASE_URL`), so that its peak
memory is its own; prints {"seconds": ..., "table_bytes": ...} as JSON. The time is that of
reading and writing, not of starting Python and importing pandas.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from bench.register import DATE_COLUMNS

TABLE = "bench_plain_register"


def load(csv_path: Path, database_url: str) -> dict[str, Any]:
    import pandas as pd

    if database_url.startswith("sqlite:///"):
        connection: Any = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        engine = None
    else:
        from sqlalchemy import create_engine

        url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
        engine = create_engine(url)
        connection = engine.connect()
    try:
        started = time.perf_counter()
        frame = pd.read_csv(csv_path, parse_dates=list(DATE_COLUMNS), dtype={"age": "Int64"})
        frame.to_sql(TABLE, connection, if_exists="replace", index=False, chunksize=10_000)
        connection.commit()
        seconds = time.perf_counter() - started
        return {"seconds": seconds, "rows": len(frame), "table_bytes": table_bytes(connection)}
    finally:
        connection.close()
        if engine is not None:
            engine.dispose()


def table_bytes(connection: Any) -> int:
    if isinstance(connection, sqlite3.Connection):
        (size,) = connection.execute(
            "SELECT SUM(pgsize) FROM dbstat WHERE name = ?", (TABLE,)
        ).fetchone()
        return int(size or 0)
    from sqlalchemy import text

    return int(connection.execute(text(f"SELECT pg_total_relation_size('{TABLE}')")).scalar() or 0)


if __name__ == "__main__":
    print(json.dumps(load(Path(sys.argv[1]), sys.argv[2])))
