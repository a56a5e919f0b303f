"""The interview view: the practitioner's language beside the interviewee's, with added
languages marked unreviewed until a translator has checked them."""

import pytest

from nrm.screening.definitions import DefinitionError
from nrm.screening.languages import check_against, language_files, parse_language

ARABIC = "d5_documents_confiscated"


def test_every_added_language_names_known_indicators_and_its_review_status(delphi):
    files = language_files()
    assert {f.code for f in files} >= {"ar"}
    for language in files:
        check_against(language, delphi)
        assert language.reviewed in (True, False)


def test_a_reviewed_file_must_say_who_reviewed_it_and_codes_are_checked():
    body = {"instrument": "x", "language": "fa", "status": "reviewed", "questions": {"a": "b"}}
    with pytest.raises(DefinitionError, match="reviewed_by"):
        parse_language(body, "x.fa.yaml")
    with pytest.raises(DefinitionError, match="language"):
        parse_language({**body, "language": "bs", "reviewed_by": "N. N."}, "x.bs.yaml")
    assert parse_language({**body, "reviewed_by": "N. N."}, "x.fa.yaml").reviewed


@pytest.mark.django_db
def test_the_interview_view_shows_both_languages_and_flags_unreviewed_ones(personas, client_for):
    client = client_for(personas.field_identifier)
    page = client.get("/screening/new/labour/adult/", {"interviewee": "ar"}).content.decode()
    assert "Does someone else hold the person&#x27;s passport" in page
    assert 'lang="ar" dir="rtl"' in page and "جواز سفرك" in page
    assert "unreviewed translation: no translator has checked them yet" in page
    assert "not translated into this language" in page  # questions the file lacks
    bosnian = client.get("/screening/new/labour/adult/", {"interviewee": "bs"}).content.decode()
    assert 'lang="bs"' in bosnian and "unreviewed translation" not in bosnian
    plain = client.get("/screening/new/labour/adult/").content.decode()
    assert 'class="interviewee"' not in plain
