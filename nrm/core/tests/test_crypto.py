import pytest
from django.db import connection
from django.test import override_settings

from nrm.core import crypto
from nrm.core.crypto import DecryptionError, blind_index, decrypt, encrypt, normalise_for_matching
from nrm.testing.models import Sample

OLD_KEY = crypto.generate_key()
NEW_KEY = crypto.generate_key()


def test_round_trip_and_randomised_ciphertext():
    first, second = encrypt("Ana Anić"), encrypt("Ana Anić")
    assert first != second  # Fernet uses a random IV: equal names do not give equal ciphertext
    assert decrypt(first) == decrypt(second) == "Ana Anić"


def test_rotation_keeps_old_values_readable():
    with override_settings(NRM_ENCRYPTION_KEYS=[OLD_KEY]):
        token = encrypt("secret")
    with override_settings(NRM_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        assert decrypt(token) == "secret"
        rotated = crypto.reencrypt(token)
    with override_settings(NRM_ENCRYPTION_KEYS=[NEW_KEY]):
        assert decrypt(rotated) == "secret"
        with pytest.raises(DecryptionError, match="lacks the key"):
            decrypt(token)


def test_bad_key_is_reported_clearly():
    from django.core.exceptions import ImproperlyConfigured

    with (
        override_settings(NRM_ENCRYPTION_KEYS=["not-a-key"]),
        pytest.raises(ImproperlyConfigured, match="32 url-safe base64"),
    ):
        encrypt("x")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Đurić Ana", "djuric  ana"),
        ("Ђурић Ана", "Đurić Ana"),
        ("  JOVANA Š. ", "jovana s."),
    ],
)
def test_blind_index_matches_spelling_variants(a, b):
    assert normalise_for_matching(a) == normalise_for_matching(b)
    assert blind_index(a, purpose="name") == blind_index(b, purpose="name")


def test_blind_index_is_keyed_and_separated_by_purpose():
    digest = blind_index("Ana", purpose="name")
    assert blind_index("Ana", purpose="mother") != digest
    with override_settings(NRM_BLIND_INDEX_KEY="another key"):
        assert blind_index("Ana", purpose="name") != digest
    assert "ana" not in digest


@pytest.mark.django_db
def test_database_holds_only_ciphertext():
    import datetime

    Sample.objects.create(
        code="S-1", name="Marija Test", birth_date=datetime.date(2008, 5, 1), languages=["bs", "de"]
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, birth_date, languages FROM testing_sample WHERE code = 'S-1'")
        raw = cursor.fetchone()
    assert all(value.startswith("gAAAAA") for value in raw)  # Fernet tokens
    assert "Marija" not in " ".join(raw) and "2008" not in " ".join(raw)
    sample = Sample.objects.get(code="S-1")
    assert sample.name == "Marija Test"
    assert sample.birth_date == datetime.date(2008, 5, 1)
    assert sample.languages == ["bs", "de"]


@pytest.mark.django_db
def test_encrypted_fields_refuse_lookups_that_would_compare_ciphertext():
    from django.core.exceptions import FieldError

    with pytest.raises(FieldError, match="blind index"):
        list(Sample.objects.filter(name="Marija Test"))
    assert list(Sample.objects.filter(name__isnull=True)) == []


@pytest.mark.django_db
def test_rotate_keys_command_reencrypts_everything(capsys):
    from django.core.management import call_command

    with override_settings(NRM_ENCRYPTION_KEYS=[OLD_KEY]):
        Sample.objects.create(code="S-2", name="Old Key")
    with override_settings(NRM_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        call_command("rotate_keys")
    with override_settings(NRM_ENCRYPTION_KEYS=[NEW_KEY]):
        assert Sample.objects.get(code="S-2").name == "Old Key"
    assert "testing.Sample: 1 records re-encrypted" in capsys.readouterr().out


@pytest.mark.django_db
def test_rotate_keys_streams_a_large_table_in_batches_with_a_progress_bar(capsys):
    from django.core.management import call_command

    from nrm.core.management.commands import rotate_keys

    count = rotate_keys.BATCH * 3 + 7
    with override_settings(NRM_ENCRYPTION_KEYS=[OLD_KEY]):
        Sample.objects.bulk_create(Sample(code=f"L-{n}", name=f"Person {n}") for n in range(count))
    with override_settings(NRM_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        call_command("rotate_keys")
        call_command("rotate_keys")  # run again (e.g. after an interruption): still correct
    output = capsys.readouterr()
    assert f"testing.Sample: {count} records re-encrypted" in output.out
    assert f"{count}/{count}" in output.err  # the progress bar
    with override_settings(NRM_ENCRYPTION_KEYS=[NEW_KEY]):  # the old key is gone
        names = dict(Sample.objects.values_list("code", "name"))
    assert names["L-0"] == "Person 0" and names[f"L-{count - 1}"] == f"Person {count - 1}"
    assert len(names) == count
