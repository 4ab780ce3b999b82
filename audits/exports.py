"""The xlsx export of a cycle: a summary per organisation, every criterion's answer, every key action."""

from django.http import HttpResponse
from django.utils.text import slugify

from partnership.spreadsheets import xlsx_response


def _label(rating) -> str:
    return rating.short if rating else ""


def cycle_sheets(cycle, pages) -> list:
    """The workbook's sheets as (title, header, rows); partnership.spreadsheets guards every cell."""
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
    sheets = [("Summary", header, summary)]
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
    sheets.append(("Criteria", header, answers))
    sheets.append(("Key actions", ["Organisation", "Area", "Action", "Owner", "Due by", "Theme"], actions))
    return sheets


def cycle_workbook_response(cycle, pages) -> HttpResponse:
    return xlsx_response(f"{slugify(cycle.title) or 'cycle'}.xlsx", cycle_sheets(cycle, pages))
