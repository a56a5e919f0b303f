import datetime

import pytest

from nrm.core.errors import ValidationError
from nrm.core.periods import Period


def test_named_periods():
    assert Period.parse("2024-H2") == Period(
        datetime.date(2024, 7, 1), datetime.date(2024, 12, 31), "2024-H2"
    )
    assert Period.parse("2024-H1").end == datetime.date(2024, 6, 30)
    assert Period.parse("2024").start == datetime.date(2024, 1, 1)


def test_year_to_date_covers_the_bulletins_statistics():
    ytd = Period.parse("2024-H2").year_to_date()
    assert (ytd.start, ytd.end) == (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


@pytest.mark.parametrize("bad", ["2024-H3", "24", "2024-Q1", ""])
def test_bad_names_say_what_is_expected(bad):
    with pytest.raises(ValidationError, match="YYYY-H1"):
        Period.parse(bad)


def test_bad_dates_name_the_field():
    with pytest.raises(ValidationError) as caught:
        Period.from_strings("2024-02-30", "2024-12-31")
    assert "from" in caught.value.fields
    with pytest.raises(ValidationError) as caught:
        Period.from_strings("2024-12-31", "2024-01-01")
    assert "to" in caught.value.fields
