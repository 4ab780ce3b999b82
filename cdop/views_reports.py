"""Closed-case exports and the CDOP's annual figures."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cdop import export, selectors

BAR_WIDTH = 300


def export_csv(request):
    cases = selectors.closed_cases(request.user)
    return export.csv_download(cases, f"cdop-closed-cases-{timezone.localdate():%Y-%m-%d}.csv")


def export_json(request):
    cases = selectors.closed_cases(request.user)
    response = HttpResponse(export.as_json(cases), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="cdop-closed-cases-{timezone.localdate():%Y-%m-%d}.json"'
    return response


def _chart(title: str, rows: list[tuple[str, int]]) -> dict:
    """Bars for an inline SVG; the same numbers are in a table beside it."""
    top = max([count for _, count in rows] + [1])
    bars = [
        {"label": label, "count": count, "width": round(BAR_WIDTH * count / top), "y": index * 32}
        for index, (label, count) in enumerate(rows)
    ]
    return {"title": title, "rows": rows, "bars": bars, "height": len(rows) * 32 + 8}


def figures(request):
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    year = min(max(year, 2000), this_year)
    data = selectors.annual_figures(request.user, year)
    charts = [
        _chart("Deaths by borough", data["by_borough"]),
        _chart("Deaths expected or unexpected", data["by_expected"]),
        _chart("Closed cases by category of death", data["by_category"]),
        _chart("Closed cases with modifiable factors", data["by_modifiable"]),
    ]
    context = {"year": year, "data": data, "charts": charts, "years": range(this_year, this_year - 6, -1)}
    return render(request, "cdop/figures.html", context)
