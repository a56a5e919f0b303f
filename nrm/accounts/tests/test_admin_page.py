"""Account administration speaks NRM's languages and wears its look: a role column, the language
switch, a way back, NRM's stylesheet and no second (dark) theme."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_users_page_lists_roles_and_switches_language(client_for, personas):
    client = client_for(personas.admin)
    page = client.get("/admin/accounts/user/").content.decode()
    assert "column-roles" in page and "case worker" in page
    assert 'id="language-select"' in page and "Back to NRM" in page
    assert "nrm/admin.css" in page and "dark_mode.css" not in page
    personas.admin.language = "bs"
    personas.admin.save(update_fields=["language"])
    client = client_for(personas.admin)
    page = client.get("/admin/accounts/user/", HTTP_ACCEPT_LANGUAGE="bs").content.decode()
    assert "Nazad u NRM" in page
