"""`nrm bulletin`: writes the file; exit status 2 with a clear message on bad input."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from nrm.bulletin import services

pytestmark = pytest.mark.django_db


def test_writes_the_draft_in_the_format_and_language_asked(tmp_path):
    target = tmp_path / "bulletin.docx"
    call_command(
        "bulletin",
        "--period",
        "2024-H2",
        "--lang",
        "sr",
        "--format",
        "docx",
        "--out",
        str(target),
        stderr=io.StringIO(),
    )
    document = Document(str(target))
    assert document.core_properties.language == "sr-Cyrl-BA"
    assert document.paragraphs[3].text == "Полугодишњи билтен"


def test_writes_a_published_version(tmp_path, personas):
    edition = services.edition_create(actor=personas.coordinator, period="2024-H2")
    services.edition_publish(actor=personas.coordinator, edition=edition, confirmed=True)
    target = tmp_path / "bulletin.html"
    call_command(
        "bulletin",
        "--period",
        "2024-H2",
        "--format",
        "html",
        "--published",
        "1",
        "--out",
        str(target),
        stderr=io.StringIO(),
    )
    assert "Version 1, published" in target.read_text()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--period", "2024-H3"], "is not a period: use YYYY, YYYY-H1 or YYYY-H2"),
        (["--period", "2024-H2", "--lang", "de"], "is not a bulletin language: use one of en, bs"),
        (["--period", "2024-H2", "--format", "odt"], "is not a bulletin format: use one of html"),
        (["--period", "2024-H2", "--published", "4"], "No published version 4 of the bulletin"),
        (["--period", "2024-H2", "--out", "/nonexistent/dir/b.pdf"], "Cannot write"),
    ],
)
def test_bad_input_exits_with_status_2_and_says_why(arguments, message):
    with pytest.raises(CommandError) as error:
        call_command("bulletin", *arguments, stderr=io.StringIO())
    assert error.value.returncode == 2
    assert message in str(error.value)
