from datetime import date

import pytest

from cdop.choices import age_band
from partnership.nhs import nhs_number_is_valid


@pytest.mark.parametrize("number", ["9434765919", "4010232137", "9876543210"])
def test_valid_nhs_numbers_pass_the_modulus_11_check(number):
    assert nhs_number_is_valid(number)


@pytest.mark.parametrize("number", ["9434765918", "1234567890", "943476591", "94347659190", "943476591X", ""])
def test_invalid_nhs_numbers_are_refused(number):
    assert not nhs_number_is_valid(number)


@pytest.mark.parametrize(
    ("born", "died", "band"),
    [
        (date(2026, 1, 1), date(2026, 1, 20), "0-27d"),
        (date(2026, 1, 1), date(2026, 6, 1), "28-364d"),
        (date(2024, 1, 1), date(2026, 6, 1), "1-4y"),
        (date(2018, 1, 1), date(2026, 6, 1), "5-9y"),
        (date(2014, 1, 1), date(2026, 6, 1), "10-14y"),
        (date(2009, 1, 1), date(2026, 6, 1), "15-17y"),
    ],
)
def test_age_bands_follow_the_ncmd_groups(born, died, band):
    assert age_band(born, died) == band
