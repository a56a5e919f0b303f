"""Documents are written to a temporary folder in tests."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)


def office_file(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def documents_dir(settings: Any, tmp_path: Any) -> Any:
    settings.NRM_DOCUMENTS_DIR = tmp_path / "documents"
    return settings.NRM_DOCUMENTS_DIR
