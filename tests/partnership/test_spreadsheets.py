from datetime import date

import pytest

from partnership.spreadsheets import formula_safe


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20 8359 4066", "'+44 20 8359 4066"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("Plain text = fine", "Plain text = fine"),
        ("", ""),
        (None, None),
        (-2, -2),
        (date(2026, 1, 1), date(2026, 1, 1)),
    ],
)
def test_text_that_a_spreadsheet_would_run_starts_with_a_quote(value, safe):
    assert formula_safe(value) == safe
