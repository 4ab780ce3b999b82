import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partnership.spreadsheets import csv_response, formula_safe, xlsx_file_response, xlsx_response


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


DANGEROUS = ["=HYPERLINK(1)", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]


def test_a_csv_quotes_every_formula_start_in_the_header_and_the_cells():
    response = csv_response("x.csv", DANGEROUS, [DANGEROUS, [1, None, "plain"]])
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == rows[1] == ["'" + value for value in DANGEROUS]
    assert rows[2] == ["1", "", "plain"]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'


@pytest.mark.parametrize("streamed", [False, True])
def test_a_workbook_quotes_every_formula_start_in_the_header_and_the_cells(streamed):
    sheets = [("One", DANGEROUS, iter([DANGEROUS])), ("Two", ["A"], iter([[date(2026, 1, 1)]]))]
    response = xlsx_file_response("x.xlsx", sheets) if streamed else xlsx_response("x.xlsx", sheets)
    book = load_workbook(io.BytesIO(response.getvalue()))
    assert response["Content-Disposition"] == 'attachment; filename="x.xlsx"'
    assert book.sheetnames == ["One", "Two"]
    for row in book["One"].iter_rows(values_only=True):  # xlsx is XML: a carriage return is read back as \n
        assert list(row) == ["'" + value.replace("\r", "\n") for value in DANGEROUS]
    assert book["One"]["A1"].font.bold and book["One"].freeze_panes == "A2"
    assert book["Two"]["A2"].value.date() == date(2026, 1, 1)


WRITERS = re.compile(r"\bcsv\.(writer|DictWriter)\b|\bDictWriter\b|\bopenpyxl\b|\bxlsxwriter\b")


def test_no_export_writes_a_spreadsheet_except_through_partnership_spreadsheets():
    """A new export cannot bypass the guard: only partnership/spreadsheets.py may use a CSV or xlsx writer."""
    root = Path(__file__).resolve().parents[2]
    skipped = {".venv", "node_modules", "tests", ".git", "static", "build"}
    found = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if not skipped & set(path.relative_to(root).parts)
        and path.relative_to(root) != Path("partnership/spreadsheets.py")
        and WRITERS.search(path.read_text())
    ]
    assert found == []
