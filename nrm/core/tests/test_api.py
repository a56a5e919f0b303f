import pytest
from django.test import Client

from nrm.accounts.services import token_create, token_revoke


def assert_error(response, status: int, code: str):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    return body["error"]


@pytest.mark.django_db
def test_token_authenticates_and_me_describes_the_user(personas, api_for):
    response = api_for(personas.coordinator).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json() == {
        "username": "t_coordinator",
        "organisation": "Test Ministry of Security",
        "roles": ["coordinator"],
        "language": "",
    }


@pytest.mark.django_db
def test_missing_bad_and_revoked_tokens_get_the_error_body(personas):
    assert_error(Client().get("/api/v1/me"), 401, "unauthenticated")
    bad = Client(headers={"Authorization": "Bearer nrm_wrong"})
    assert_error(bad.get("/api/v1/me"), 401, "unauthenticated")
    token, value = token_create(actor=None, user=personas.partner, name="x")
    client = Client(headers={"Authorization": f"Bearer {value}"})
    assert client.get("/api/v1/me").status_code == 200
    token_revoke(actor=None, token=token)
    assert_error(client.get("/api/v1/me"), 401, "unauthenticated")


@pytest.mark.django_db
def test_tokens_of_deactivated_users_stop_working(personas, api_for):
    client = api_for(personas.partner)
    personas.partner.is_active = False
    personas.partner.save()
    assert_error(client.get("/api/v1/me"), 401, "unauthenticated")


@pytest.mark.django_db
def test_tokens_are_stored_hashed(personas):
    token, value = token_create(actor=None, user=personas.partner, name="x")
    token.refresh_from_db()
    assert value not in (token.digest, token.hint) and len(token.digest) == 64
    assert value.startswith(token.hint)


@pytest.mark.django_db
def test_openapi_document_is_published(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "NRM API"
    assert "/api/v1/me" in document["paths"]


def test_the_schema_is_built_once_per_language_and_each_caller_gets_a_copy(monkeypatch):
    from django.utils import translation

    from nrm.api import NrmAPI, api

    built = []
    build = NrmAPI._schema

    def counted(self, prefix):
        built.append(prefix)
        return build(self, prefix)

    monkeypatch.setattr(api, "_schemas", {})
    monkeypatch.setattr(NrmAPI, "_schema", counted)
    first = api.get_openapi_schema()
    first["paths"].clear()
    again = api.get_openapi_schema()
    assert built == ["/api/v1/"] and "/api/v1/me" in again["paths"]
    with translation.override("bs"):
        api.get_openapi_schema()
    assert built == ["/api/v1/", "/api/v1/"]


@pytest.mark.django_db
def test_unknown_endpoint_is_a_404(api_for, personas):
    response = api_for(personas.coordinator).get("/api/v1/no-such-thing")
    assert response.status_code == 404
