"""WeasyPrint imported without the slow library search, and still with every library."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.one_database

# A fresh interpreter: the test process may have imported WeasyPrint already.
PROBE = """
import ctypes.util, json
searched = []
real = ctypes.util.find_library
ctypes.util.find_library = lambda name: searched.append(name) or real(name)
patched = ctypes.util.find_library
from nrm.core.pdf import weasyprint
module = weasyprint()
from weasyprint.text import ffi
names = ("gobject", "pango", "harfbuzz", "harfbuzz_subset", "fontconfig", "pangoft2")
print(json.dumps({
    "searched": searched,
    "restored": ctypes.util.find_library is patched,
    "loaded": [name for name in names if getattr(ffi, name) is not None],
    "same": weasyprint() is module,
    "pdf": module.HTML(string="<p>NRM</p>").write_pdf()[:5].decode(),
}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shortcut is Linux's only")
def test_weasyprint_opens_its_libraries_without_searching() -> None:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    )
    found = json.loads(done.stdout)
    assert found["searched"] == []
    assert found["restored"], "ctypes.util.find_library is put back after the import"
    assert found["loaded"] == [
        "gobject",
        "pango",
        "harfbuzz",
        "harfbuzz_subset",
        "fontconfig",
        "pangoft2",
    ]
    assert found["same"]
    assert found["pdf"] == "%PDF-"
