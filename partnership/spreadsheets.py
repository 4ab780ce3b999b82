"""Cells a spreadsheet will not run: the one way every CSV and xlsx export is written (formula injection, OWASP).

Exports hand a header and rows to `csv_response`, `csv_streaming_response`, `xlsx_response` or
`xlsx_file_response` (the large ones); all take every cell, the header's too,
through `spreadsheet_rows`, so no export can write a cell that was not guarded. A test refuses `csv.writer`,
`DictWriter` and openpyxl anywhere else.
"""

import csv
import io
import tempfile

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
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


def xlsx_file_response(filename, sheets) -> FileResponse:
    """The workbook written row by row (openpyxl's write-only mode) to a temporary file, then streamed from it:
    memory stays flat however many rows `sheets` yields (each sheet's rows may be a server-side cursor's
    iterator). The file is deleted when the response is closed."""
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "A2"
        guarded = spreadsheet_rows(header, rows)
        header_cells = []
        for value in next(guarded):
            cell = WriteOnlyCell(sheet, value=value)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in guarded:
            sheet.append(row)
    file = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it, and so deletes it, once sent)
    book.save(file)
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=filename, content_type=XLSX)


def _attachment(content, content_type, filename) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, header, rows) -> HttpResponse:
    return _attachment(csv_text(header, rows), CSV, filename)


def xlsx_response(filename, sheets) -> HttpResponse:
    return _attachment(xlsx_bytes(sheets), XLSX, filename)


class _Echo:
    """A file-like object whose `write` hands back the line, for streaming CSV row by row."""

    def write(self, value):
        return value


def csv_streaming_response(filename, header, rows) -> StreamingHttpResponse:
    """The CSV written row by row as `rows` is read (a server-side cursor's iterator): memory and time to the first
    byte stay flat however many rows there are."""
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse((writer.writerow(row) for row in spreadsheet_rows(header, rows)), content_type=CSV)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
