"""Demo documents: a small generated PDF and PNG on a case, a court case and an activity
(fictional, idempotent). The files are made here, so the repository holds no binaries."""

from __future__ import annotations

import struct
import zlib

from nrm.accounts.models import User
from nrm.activities.models import Activity, ActivityStatus
from nrm.cases.models import VictimCase
from nrm.core.audit import audit_actor
from nrm.documents.models import Document
from nrm.documents.services import document_add
from nrm.justice.models import CourtCase


def demo_pdf(title: str, line: str) -> bytes:
    """A one-page PDF with two lines of text (Helvetica), valid enough for any reader."""
    text = f"BT /F1 16 Tf 60 760 Td ({title}) Tj 0 -28 Td /F1 11 Tf ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(text)).encode() + b" >>\nstream\n" + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def demo_png(width: int = 160, height: int = 100) -> bytes:
    """A small picture (a blue sky over a green field), as a real PNG."""
    rows = b""
    for y in range(height):
        colour = (70, 130, 200) if y < height * 0.6 else (60, 160, 80)
        rows += b"\x00" + bytes(colour) * width

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def load_demo() -> None:
    users = {u.username: u for u in User.objects.filter(username__in=["caseworker", "monitor"])}
    with audit_actor(None, via="demo data"):
        if not Document.objects.filter(owner_kind="case").exists():
            _case_documents(users.get("caseworker"))
        if not Document.objects.filter(owner_kind="court_case").exists():
            _court_case_documents(users.get("monitor"))
        activity_photo()


def _case_documents(worker: User | None) -> None:
    case = VictimCase.objects.filter(code="V-2025-0003").first()
    if worker is None or case is None:
        return
    for filename, title, line, description in (
        (
            "Consent to referral (signed).pdf",
            "Consent to referral - FICTIONAL DEMO",
            "Signed by the person on the day of admission. No real data.",
            "Signed consent form",
        ),
        (
            "Assistance plan (agreed).pdf",
            "Individual assistance plan - FICTIONAL DEMO",
            "Goals, services and the review date, agreed with the person.",
            "The plan as agreed, for the file",
        ),
    ):
        document_add(
            actor=worker,
            owner_kind="case",
            record=case,
            filename=filename,
            data=demo_pdf(title, line),
            description=description,
        )


def _court_case_documents(monitor: User | None) -> None:
    court_case = (
        CourtCase.objects.filter(
            monitoring_organisation_id=getattr(monitor, "organisation_id", None)
        )
        .order_by("-monitoring_started_on")
        .first()
    )
    if monitor is None or court_case is None:
        return
    document_add(
        actor=monitor,
        owner_kind="court_case",
        record=court_case,
        filename="Hearing notes.pdf",
        data=demo_pdf("Trial monitoring notes - FICTIONAL DEMO", court_case.case_number),
        description="Monitor's notes of the last hearing",
    )


def activity_photo() -> Document | None:
    """The demo's photo of the latest approved training (once; the bulletin's demo, which
    loads first, shows it beside the training)."""
    existing = Document.objects.filter(owner_kind="activity").first()
    if existing is not None:
        return existing
    activity = (
        Activity.objects.filter(status=ActivityStatus.APPROVED, type="training")
        .order_by("-start_date")
        .first()
    )
    if activity is None:
        return None
    return document_add(
        actor=None,
        owner_kind="activity",
        record=activity,
        filename="Training photo.png",
        data=demo_png(),
        description="A photo of the venue (generated for the demo)",
    )
