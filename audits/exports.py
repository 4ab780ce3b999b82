"""The exports of a cycle: an xlsx workbook (a summary per organisation, every criterion's answer, every key
action, the partnership's rating and feedback per area) and the summary alone as CSV."""

from django.http import HttpResponse
from django.utils.text import slugify

from partnership.spreadsheets import csv_response, xlsx_response


def _label(rating) -> str:
    return rating.short if rating else ""


def cycle_sheets(cycle, pages) -> list:
    """The workbook's sheets as (title, header, rows); partnership.spreadsheets guards every cell. `pages` is
    read once, as it comes (the selector's iterator): one pass fills every sheet."""
    areas, summary, answers, actions, feedback = [], [], [], [], []
    for page in pages:
        areas = areas or [view.area for view in page.areas]
        r = page.audit_return
        ratings = [f"{_label(v.rating)}{' / ' + _label(v.moderated) if v.moderated else ''}" for v in page.areas]
        summary.append([r.reference, r.organisation.name, r.get_stage_display(),
                        f"{page.complete_count} of {page.total}", r.submitted_on, *ratings, r.strengths,
                        r.areas_to_develop, r.good_practice])  # fmt: skip
        name = r.organisation.name
        for view in page.areas:
            if view.response:
                feedback.append([name, view.area.title, _label(view.rating), _label(view.moderated),
                                 view.response.feedback])  # fmt: skip
            for criterion, answer in view.criteria:
                how, link, file = (answer.how_met, answer.evidence_link, answer.file_name) if answer else ("", "", "")
                answers.append([name, view.area.title, criterion.text, how, link, file])
            for action in view.response.actions.all() if view.response else []:
                themes = ", ".join(theme.name for theme in action.themes.all())
                actions.append([name, view.area.title, action.action, action.owner, action.due_on, themes])
    header = ["Reference", "Organisation", "Stage", "Areas complete", "Submitted on", *[a.title for a in areas],
              "Strengths", "Areas to develop", "Good practice to share"]  # fmt: skip
    sheets = [("Summary", header, summary)]
    header = ["Organisation", "Area", "Criterion", "How it is met", "Evidence link", "Evidence file"]
    sheets.append(("Criteria", header, answers))
    sheets.append(("Key actions", ["Organisation", "Area", "Action", "Owner", "Due by", "Theme"], actions))
    header = ["Organisation", "Area", "Organisation's rating", "Partnership's rating", "Partnership's feedback"]
    sheets.append(("Area feedback", header, feedback))
    return sheets


def cycle_workbook_response(cycle, pages) -> HttpResponse:
    return xlsx_response(f"{slugify(cycle.title) or 'cycle'}.xlsx", cycle_sheets(cycle, pages))


def cycle_csv_response(cycle, pages) -> HttpResponse:
    """The summary sheet (one row per organisation) as CSV, for those who work in other tools."""
    _title, header, rows = cycle_sheets(cycle, pages)[0]
    return csv_response(f"{slugify(cycle.title) or 'cycle'}.csv", header, rows)
