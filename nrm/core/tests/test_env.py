import pytest
from django.core.exceptions import ImproperlyConfigured

from nrm.core.env import env_bool, env_choice, env_int, env_list, env_required, env_str


def test_values_come_from_the_environment_or_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-file\n")
    monkeypatch.setenv("NRM_X_FILE", str(secret))
    assert env_str("NRM_X") == "from-file"
    monkeypatch.setenv("NRM_X", "direct")
    assert env_str("NRM_X") == "direct"


def test_unreadable_file_names_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("NRM_X_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="NRM_X_FILE"):
        env_str("NRM_X")


def test_typed_readers_reject_bad_values(monkeypatch):
    monkeypatch.setenv("NRM_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="NRM_FLAG='maybe'"):
        env_bool("NRM_FLAG")
    monkeypatch.setenv("NRM_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="NRM_NUMBER"):
        env_int("NRM_NUMBER", 1)
    monkeypatch.setenv("NRM_MODE", "staging")
    with pytest.raises(ImproperlyConfigured, match="expected one of"):
        env_choice("NRM_MODE", ("development", "production"), "development")
    with pytest.raises(ImproperlyConfigured, match="NRM_NOT_SET"):
        env_required("NRM_NOT_SET", "it is needed")


def test_lists_and_defaults(monkeypatch):
    monkeypatch.setenv("NRM_HOSTS", " a.example , b.example,, ")
    assert env_list("NRM_HOSTS") == ["a.example", "b.example"]
    assert env_int("NRM_UNSET_NUMBER", 7) == 7
    assert env_bool("NRM_UNSET_FLAG", default=True) is True
