"""NRM_EMAIL_URL: one URL configures how e-mail is sent; bad values name the variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from nrm.core.email_url import SMTP, parse_email_url


def test_smtp_on_the_submission_port_uses_starttls():
    settings = parse_email_url("smtp://nrm%40example.org:s3cret@mail.example.org:587")
    assert settings["EMAIL_BACKEND"] == SMTP
    assert (settings["EMAIL_HOST"], settings["EMAIL_PORT"]) == ("mail.example.org", 587)
    assert settings["EMAIL_HOST_USER"] == "nrm@example.org"
    assert settings["EMAIL_HOST_PASSWORD"] == "s3cret"
    assert settings["EMAIL_USE_TLS"] and not settings["EMAIL_USE_SSL"]


def test_plain_smtp_on_port_25_and_the_tls_variants():
    plain = parse_email_url("smtp://relay.local")
    assert plain["EMAIL_PORT"] == 25 and not plain["EMAIL_USE_TLS"]
    starttls = parse_email_url("smtp+tls://relay.local:2525")
    assert starttls["EMAIL_USE_TLS"] and starttls["EMAIL_PORT"] == 2525
    for scheme in ("smtps", "smtp+ssl"):
        ssl = parse_email_url(f"{scheme}://u:p@mail.example.org")
        assert ssl["EMAIL_USE_SSL"] and not ssl["EMAIL_USE_TLS"] and ssl["EMAIL_PORT"] == 465


def test_console_file_memory_and_off():
    assert "console" in parse_email_url("console:")["EMAIL_BACKEND"]
    assert "locmem" in parse_email_url("memory:")["EMAIL_BACKEND"]
    assert "dummy" in parse_email_url("off:")["EMAIL_BACKEND"]
    file = parse_email_url("file:///var/lib/nrm/mail")
    assert file["EMAIL_FILE_PATH"] == "/var/lib/nrm/mail"
    assert file["EMAIL_BACKEND"].endswith("OneFilePerMessageBackend")


def test_the_sender_address_and_timeout_are_options():
    settings = parse_email_url("smtp://mail.example.org?from=nrm@example.org&timeout=5")
    assert settings["DEFAULT_FROM_EMAIL"] == "nrm@example.org"
    assert settings["EMAIL_TIMEOUT"] == 5


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("smtpx://mail.example.org", "unknown scheme"),
        ("smtp://", "give the mail server"),
        ("file://relative/dir", "absolute folder"),
        ("smtp://mail.example.org?form=x@example.org", "unknown option form"),
        ("smtp://mail.example.org?from=nobody", "from= must be an e-mail address"),
        ("smtp://mail.example.org?timeout=soon", "timeout="),
    ],
)
def test_bad_values_say_what_is_wrong_and_name_the_variable(value, says):
    with pytest.raises(ImproperlyConfigured) as error:
        parse_email_url(value)
    assert "NRM_EMAIL_URL=" in str(error.value)
    assert says in str(error.value)


def test_an_error_never_shows_the_password():
    with pytest.raises(ImproperlyConfigured) as error:
        parse_email_url("smtp://user:Very-Secret-1@mail.example.org?bogus=1")
    assert "Very-Secret-1" not in str(error.value)
