"""The export for the National Child Mortality Database and the CDOP's figures by year."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cdop import export, periods, selectors
from cdop.forms_figures import FiguresForm
from cdop.permissions import MANAGE_CASES
from partnership.charts import bar_chart
from partnership.spreadsheets import csv_streaming_response, xlsx_file_response

# Rows read from the database at a time by the streamed exports.
CHUNK = 2000


def _filename(name: str, extension: str) -> str:
    return f"cdop-{name}-{timezone.localdate():%Y-%m-%d}.{extension}"


def export_csv(request):
    selectors.require(request.user, MANAGE_CASES)  # the panel has no export (its columns would be anonymised)
    columns = selectors.export_columns(request.user)
    cases = selectors.export_cases(request.user)
    rows = export.csv_rows(cases.iterator(chunk_size=CHUNK), columns)
    return csv_streaming_response(_filename("ncmd-export", "csv"), export.header(columns), rows)


def export_form_b_csv(request):
    """Every submitted Form B (about ten a death): streamed as it is read, never held whole in memory."""
    rows = export.form_b_rows(selectors.export_form_b(request.user).iterator(chunk_size=CHUNK))
    return csv_streaming_response(_filename("export-form-b", "csv"), export.FORM_B_COLUMNS, rows)


def export_xlsx(request):
    """Both sheets read in chunks and written to a temporary file as they are read (`xlsx_file_response`)."""
    selectors.require(request.user, MANAGE_CASES)
    columns = selectors.export_columns(request.user)
    cases = selectors.export_cases(request.user).iterator(chunk_size=CHUNK)
    form_bs = selectors.export_form_b(request.user).iterator(chunk_size=CHUNK)
    return xlsx_file_response(_filename("ncmd-export", "xlsx"), export.sheets(cases, columns, form_bs))


def export_json(request):
    selectors.require(request.user, MANAGE_CASES)
    columns = selectors.export_columns(request.user)
    response = HttpResponse(
        export.as_json(selectors.export_cases(request.user), columns), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("ncmd-export", "json")}"'
    return response


def figures(request):
    """By the reporting year (April to March) unless a calendar year is asked for; a bad answer shows a GOV.UK
    error above the current reporting year's figures."""
    form = FiguresForm(request.GET or None)
    period = form.period_or_default()
    data = selectors.annual_figures(request.user, period)
    charts = [
        bar_chart("Deaths by borough", data["by_borough"]),
        bar_chart("Deaths expected or unexpected", data["by_expected"]),
        bar_chart("Reviews completed by category of death", data["by_category"]),
        bar_chart("Reviews completed with modifiable factors", data["by_modifiable"]),
    ]
    context = {
        "form": form,
        "period": period,
        "data": data,
        "charts": charts,
        "reporting_years": periods.recent(periods.REPORTING),
        "calendar_years": periods.recent(periods.CALENDAR),
    }
    return render(request, "cdop/figures.html", context)
