"""The annual report's figures for a period: the page (charts with their tables), the CSV, a plain page to print
or paste into the report, and a chosen set published as a draft page of the public site."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from partnership import annual_report
from partnership.forms_annual_report import PeriodForm, PublishForm
from partnership.permissions import VIEW_ANNUAL_REPORT
from partnership.spreadsheets import csv_response


def _period(request, data):
    """The period asked for (the last reporting year when none is), or None with the form's errors."""
    form = PeriodForm(data if any(name.startswith(("from", "to")) for name in data) else None)
    if not form.is_bound:
        return form, annual_report.default_period(timezone.localdate())
    return form, form.period()


def _page(request, form, period, *, publish_form=None, status=200):
    found = annual_report.figures(period) if period else []
    context = {
        "form": form,
        "period": period,
        "figures": [(figure, figure.chart(suppress=False), figure.share_text(suppress=False)) for figure in found],
        "publish_form": publish_form or PublishForm(choices=_choices(found)),
        "reporting_years": [annual_report.reporting_year(year) for year in _recent_years(1)],
        "calendar_years": [annual_report.calendar_year(year) for year in _recent_years(0)],
    }
    return render(request, "partnership/annual_report.html", context, status=status)


def _recent_years(ended_before_month: int) -> list[int]:
    """The five latest years whose period has begun."""
    today = timezone.localdate()
    latest = today.year - (1 if ended_before_month and today.month < 4 else 0)
    return list(range(latest, latest - 5, -1))


def _choices(found):
    return [(figure.key, f"{figure.section}: {figure.title}") for figure in found]


@permission_required(VIEW_ANNUAL_REPORT, raise_exception=True)
def annual_report_page(request):
    form, period = _period(request, request.GET)
    return _page(request, form, period)


@permission_required(VIEW_ANNUAL_REPORT, raise_exception=True)
def annual_report_csv(request):
    form, period = _period(request, request.GET)
    if period is None:
        return _page(request, form, period)
    rows = annual_report.csv_rows(annual_report.figures(period), period)
    name = f"annual-report-figures-{period.first_day.isoformat()}-to-{period.last_day.isoformat()}.csv"
    return csv_response(name, annual_report.CSV_HEADER, rows)


@permission_required(VIEW_ANNUAL_REPORT, raise_exception=True)
def annual_report_print(request):
    """A plain page of tables and charts, without the site's navigation, to print, save as PDF or paste."""
    form, period = _period(request, request.GET)
    if period is None:
        return _page(request, form, period)
    found = annual_report.figures(period)
    context = {"period": period, "figures": [(f, f.chart(suppress=False), f.share_text(suppress=False)) for f in found]}
    return render(request, "partnership/annual_report_print.html", context)


@permission_required(VIEW_ANNUAL_REPORT, raise_exception=True)
@require_POST
def annual_report_publish(request):
    form, period = _period(request, request.POST)
    if period is None:
        return _page(request, form, period, status=400)
    publish_form = PublishForm(request.POST, choices=_choices(annual_report.figures(period)))
    if not publish_form.is_valid():
        return _page(request, form, period, publish_form=publish_form, status=400)
    page = annual_report.publish(period=period, keys=publish_form.cleaned_data["figures"], by=request.user)
    messages.success(request, f"Draft page “{page.title}” made. Preview it, then publish it when it is ready.")
    return redirect("page-preview", page.pk)
