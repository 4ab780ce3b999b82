"""The xlsx export of a cycle: a summary per organisation, every criterion's answer, every key action."""

from io import BytesIO

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from partnership.spreadsheets import formula_safe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _label(rating) -> str:
    return rating.short if rating else ""


def _sheet(book, title, header, rows, first=False):
    """A sheet whose header and data cells are all guarded: area titles in the header are typed by people too."""
    sheet = book.active if first else book.create_sheet()
    sheet.title = title
    sheet.append([formula_safe(value) for value in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([formula_safe(value) for value in row])
    sheet.freeze_panes = "A2"


def cycle_workbook(cycle, pages) -> bytes:
    book = Workbook()
    areas = [view.area for view in pages[0].areas] if pages else []
    summary = []
    for page in pages:
        r = page.audit_return
        ratings = [f"{_label(v.rating)}{' / ' + _label(v.moderated) if v.moderated else ''}" for v in page.areas]
        summary.append([r.reference, r.organisation.name, r.get_stage_display(),
                        f"{page.complete_count} of {page.total}", r.submitted_on, *ratings, r.strengths,
                        r.areas_to_develop, r.good_practice])  # fmt: skip
    header = ["Reference", "Organisation", "Stage", "Areas complete", "Submitted on", *[a.title for a in areas],
              "Strengths", "Areas to develop", "Good practice to share"]  # fmt: skip
    _sheet(book, "Summary", header, summary, first=True)
    answers, actions = [], []
    for page in pages:
        name = page.audit_return.organisation.name
        for view in page.areas:
            for criterion, answer in view.criteria:
                how, link, file = (answer.how_met, answer.evidence_link, answer.file_name) if answer else ("", "", "")
                answers.append([name, view.area.title, criterion.text, how, link, file])
            for action in view.response.actions.all() if view.response else []:
                themes = ", ".join(theme.name for theme in action.themes.all())
                actions.append([name, view.area.title, action.action, action.owner, action.due_on, themes])
    header = ["Organisation", "Area", "Criterion", "How it is met", "Evidence link", "Evidence file"]
    _sheet(book, "Criteria", header, answers)
    _sheet(book, "Key actions", ["Organisation", "Area", "Action", "Owner", "Due by", "Theme"], actions)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def cycle_workbook_response(cycle, pages) -> HttpResponse:
    response = HttpResponse(cycle_workbook(cycle, pages), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{slugify(cycle.title) or "cycle"}.xlsx"'
    return response
