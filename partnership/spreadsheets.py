"""Cells a spreadsheet will not run: the one way every CSV and xlsx export is written (formula injection, OWASP).

Exports hand a header and rows to `csv_response` or `xlsx_response`; both take every cell, the header's too,
through `spreadsheet_rows`, so no export can write a cell that was not guarded. A test refuses `csv.writer`,
`DictWriter` and openpyxl anywhere else.
"""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def formula_safe(value):
    """Text that a spreadsheet would take for a formula starts with a quote instead; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_rows(header, rows):
    """The header, then each row, every cell guarded: headers hold people's words too (area titles)."""
    yield [formula_safe(value) for value in header]
    for row in rows:
        yield [formula_safe(value) for value in row]


def csv_text(header, rows) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(spreadsheet_rows(header, rows))
    return buffer.getvalue()


def xlsx_bytes(sheets) -> bytes:
    """A workbook of `(title, header, rows)` sheets, each with a bold, frozen header row."""
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title)
        for row in spreadsheet_rows(header, rows):
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _attachment(content, content_type, filename) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, header, rows) -> HttpResponse:
    return _attachment(csv_text(header, rows), CSV, filename)


def xlsx_response(filename, sheets) -> HttpResponse:
    return _attachment(xlsx_bytes(sheets), XLSX, filename)


class _Line:
    """A file-like object whose `write` hands back the line, for a CSV written row by row."""

    def write(self, value):
        return value


def csv_streaming_response(filename, header, rows) -> StreamingHttpResponse:
    """The CSV sent as it is written, row by row (every cell guarded): for exports too large to hold in memory.
    Give `rows` as an iterator (a queryset's `.iterator(chunk_size=...)`)."""
    writer = csv.writer(_Line())
    response = StreamingHttpResponse((writer.writerow(row) for row in spreadsheet_rows(header, rows)), content_type=CSV)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
