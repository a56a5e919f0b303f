"""WeasyPrint, imported without searching for its libraries the slow way.

WeasyPrint opens Pango, HarfBuzz and fontconfig by trying several names in turn; cffi hands
each name that does not open to `ctypes.util.find_library`, which on Linux runs ldconfig, gcc
and ld to look for it: 22 searches and 0.3 s of every process that first writes a PDF (a
bulletin's 5 s). Every list of names ends with the library's soname (libpango-1.0.so.0), which
the dynamic loader opens directly from the cache ldconfig reads: on Linux a search finds, at
best, the library that a later name of the list opens without one.
"""

from __future__ import annotations

import ctypes.util
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

_importing = threading.Lock()


def weasyprint() -> ModuleType:
    """The `weasyprint` module (imported once; later calls return it at once)."""
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    with _importing, _without_library_search():
        import weasyprint as module

    return module


@contextmanager
def _without_library_search() -> Iterator[None]:
    if not sys.platform.startswith("linux"):
        yield  # macOS and Windows name their libraries differently: search as WeasyPrint does
        return
    search = ctypes.util.find_library
    ctypes.util.find_library = _not_found
    try:
        yield
    finally:
        ctypes.util.find_library = search


def _not_found(name: str) -> None:
    return None
