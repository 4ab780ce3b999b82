from datetime import date, timedelta

import pytest

from partnership.calendar import add_working_days, is_working_day, working_days_between, working_days_in_words


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # DOMAIN.md: aware on a Friday before a bank holiday Monday, 5 working days lands on the Monday week.
        (date(2026, 5, 1), 5, date(2026, 5, 11)),
        # An ordinary week: Monday + 5 is the next Monday.
        (date(2026, 11, 16), 5, date(2026, 11, 23)),
        # Christmas 2026: Fri 25 Dec and the substitute Boxing Day, Mon 28 Dec, are skipped; 1 Jan 2027 too.
        (date(2026, 12, 23), 5, date(2027, 1, 4)),
        # Christmas 2021 falls at a weekend: substitute days Mon 27 and Tue 28 Dec, then Mon 3 Jan 2022.
        (date(2021, 12, 24), 1, date(2021, 12, 29)),
        (date(2021, 12, 31), 1, date(2022, 1, 4)),
        # Easter 2027: Good Friday 26 March, Easter Monday 29 March.
        (date(2027, 3, 25), 1, date(2027, 3, 30)),
        # Easter 2026: Good Friday 3 April, Easter Monday 6 April; 15 working days for a rapid review.
        (date(2026, 4, 1), 15, date(2026, 4, 24)),
        # 2022's extra bank holidays: the Platinum Jubilee (2-3 June) and the state funeral (19 September).
        (date(2022, 6, 1), 1, date(2022, 6, 6)),
        (date(2022, 9, 16), 1, date(2022, 9, 20)),
        # Starting on a weekend or a holiday: the start never counts.
        (date(2026, 11, 21), 1, date(2026, 11, 23)),
        (date(2026, 12, 25), 1, date(2026, 12, 29)),
        (date(2026, 11, 18), 0, date(2026, 11, 18)),
        # Backwards: 7 working days before a planned publication (pre-publication copy).
        (date(2027, 1, 8), -7, date(2026, 12, 29)),
    ],
)
def test_add_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


def test_weekend_and_bank_holidays_are_not_working_days():
    assert not is_working_day(date(2026, 11, 21))  # Saturday
    assert not is_working_day(date(2026, 8, 31))  # Summer bank holiday
    assert is_working_day(date(2026, 11, 23))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 5, 1), date(2026, 5, 11), 5),
        (date(2026, 12, 23), date(2027, 1, 4), 5),
        (date(2026, 11, 16), date(2026, 11, 16), 0),
        (date(2026, 11, 23), date(2026, 11, 16), -5),
    ],
)
def test_working_days_between(start, end, expected):
    assert working_days_between(start, end) == expected


def test_working_days_between_is_the_inverse_of_add_working_days():
    start = date(2020, 12, 1)
    for offset in range(0, 800, 7):
        day = start + timedelta(days=offset)
        for n in (0, 1, 5, 15, 37):
            assert working_days_between(day, add_working_days(day, n)) == n


@pytest.mark.parametrize(
    ("days", "beyond", "words"),
    [
        (1, "late", "1 working day late"),
        (-3, "overdue", "3 working days overdue"),
        (-1, "early", "1 working day early"),
    ],
)
def test_working_days_are_said_one_way(days, beyond, words):
    assert working_days_in_words(days, beyond) == words
