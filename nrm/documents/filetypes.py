"""What a file is, from its content (magic bytes), never from its name.

Accepted: PDF, PNG, JPEG, and the office formats DOCX, XLSX (Office Open XML) and ODT, ODS
(OpenDocument), which are ZIP archives recognised by the parts they must contain.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    name: str  # shown to people, e.g. "PDF"
    media_type: str
    extension: str


PDF = FileType("PDF", "application/pdf", "pdf")
PNG = FileType("PNG", "image/png", "png")
JPEG = FileType("JPEG", "image/jpeg", "jpg")
DOCX = FileType(
    "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"
)
XLSX = FileType("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
ODT = FileType("ODT", "application/vnd.oasis.opendocument.text", "odt")
ODS = FileType("ODS", "application/vnd.oasis.opendocument.spreadsheet", "ods")
ACCEPTED = (PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS)
ZIP_MAGIC = b"PK\x03\x04"


def _office_type(data: bytes) -> FileType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return next((t for t in (ODT, ODS) if t.media_type == declared), None)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def detect(data: bytes) -> FileType | None:
    """The accepted type `data` is, or None."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(ZIP_MAGIC):
        return _office_type(data)
    return None
