"""Help inside the application: guides, methodology and glossary rendered from docs/, in the
reader's language where translated, linked from the forms that need them."""

from __future__ import annotations

import pytest

from nrm.core import help

pytestmark = pytest.mark.django_db


def test_every_help_page_renders_for_anyone(client):
    index = client.get("/help/")
    assert index.status_code == 200
    for page in help.PAGES:
        assert f"/help/{page.slug}/" in index.content.decode()
        response = client.get(f"/help/{page.slug}/")
        assert response.status_code == 200, page.slug
        assert "<h1" in response.content.decode()


def test_an_unknown_help_page_is_not_found(client):
    assert client.get("/help/nothing-here/").status_code == 404


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Potential or identified victim?"),
        ("bs", "Potencijalna ili identifikovana žrtva?"),
        ("hr", "Potencijalna ili identificirana žrtva?"),
        ("sr", "Потенцијална или идентификована жртва?"),
        ("sr-latn", "Potencijalna ili identifikovana žrtva?"),
    ],
)
def test_the_field_guide_in_each_language_keeps_its_anchors(client, language, heading):
    client.post("/language/", {"language": language})
    html = client.get("/help/guide-field-identifier/").content.decode()
    assert f'<h2 id="potential-or-identified">{heading}</h2>' in html
    assert 'id="referring-without-consent"' in html
    assert "not translated yet" not in html
    assert 'href="/help/glossary/"' in html and 'href="/help/methodology/"' in html


def test_an_untranslated_page_says_so(client):
    client.post("/language/", {"language": "bs"})
    html = client.get("/help/guide-coordinator/").content.decode()
    assert 'lang="en"' in html


def test_raw_html_in_a_document_is_shown_as_text(tmp_path, settings):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "glossary.md").write_text("# G\n\n<script>alert(1)</script>\n")
    settings.BASE_DIR = tmp_path
    body, _translated = help.render(help.BY_SLUG["glossary"], "en")
    assert "<script>" not in body and "&lt;script&gt;" in body


def test_forms_link_to_their_help(client_for, personas):
    worker = client_for(personas.field_identifier)
    form = worker.get("/cases/new/").content.decode()
    assert "/help/guide-field-identifier/#potential-or-identified" in form
    stats = client_for(personas.coordinator).get("/statistics/").content.decode()
    assert "/help/methodology/" in stats
