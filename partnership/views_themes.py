"""The learning themes pages: the overview ranking every theme, one page per theme, and their CSV. Thin: the
figures come from `partnership.themes`, which says who reads them and why small counts are suppressed."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render

from partnership import themes
from partnership.forms import ThemeFilterForm
from partnership.models import Theme
from partnership.permissions import VIEW_THEMES
from partnership.spreadsheets import csv_response


def _filters(request) -> tuple[ThemeFilterForm, dict]:
    form = ThemeFilterForm(request.GET or None)
    return form, form.chosen()


@permission_required(VIEW_THEMES, raise_exception=True)
def theme_list(request):
    form, chosen = _filters(request)
    context = {"form": form, "chosen": chosen, "ranked": themes.ranking(**chosen), "query": request.GET.urlencode()}
    return render(request, "partnership/themes.html", context)


@permission_required(VIEW_THEMES, raise_exception=True)
def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    form, chosen = _filters(request)
    context = {
        "theme": theme,
        "form": form,
        "chosen": chosen,
        "charts": themes.charts(theme, **chosen),
        "actions": themes.open_actions(theme, organisation_id=chosen["organisation_id"]),
        "publications": themes.publications(theme),
    }
    return render(request, "partnership/theme_detail.html", context)


@permission_required(VIEW_THEMES, raise_exception=True)
def theme_export(request):
    """The overview's figures by theme, domain and year, with the same filters (a bad answer exports all)."""
    _, chosen = _filters(request)
    return csv_response("learning-themes.csv", themes.EXPORT_HEADER, themes.export_rows(**chosen))
