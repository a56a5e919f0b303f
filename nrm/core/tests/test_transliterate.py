import pytest

from nrm.core.transliterate import cyrillic_to_latin, latin_to_cyrillic


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Љубушки", "Ljubuški"),
        ("Њемачка", "Njemačka"),
        ("Џеп", "Džep"),
        ("ЉУБУШКИ", "LJUBUŠKI"),
        ("Бања Лука, Брчко, Ђаковица", "Banja Luka, Brčko, Đakovica"),
    ],
)
def test_both_directions(cyrillic, latin):
    assert cyrillic_to_latin(cyrillic) == latin
    assert latin_to_cyrillic(latin) == cyrillic


def test_placeholders_urls_and_markup_survive():
    text = "%(count)s žrtava, {name}, <strong>vidi</strong> https://msb.gov.ba i ured@msb.gov.ba"
    converted = latin_to_cyrillic(text)
    assert "%(count)s" in converted and "{name}" in converted
    assert "<strong>" in converted and "https://msb.gov.ba" in converted
    assert "ured@msb.gov.ba" in converted
    assert "жртава" in converted and "види" in converted


def test_names_in_english_stay_in_latin_script():
    from nrm.core.transliterate import name_to_cyrillic

    assert name_to_cyrillic("Coordination Team of Sarajevo Canton") == (
        "Coordination Team of Sarajevo Canton"
    )
    assert name_to_cyrillic("World Vision") == "World Vision"
    assert name_to_cyrillic("Koordinacioni tim Kantona Sarajevo") == (
        "Координациони тим Кантона Сарајево"
    )
