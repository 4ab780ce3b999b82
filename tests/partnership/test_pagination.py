"""The GOV.UK pagination shows a fixed handful of page links however long the list, and a list is counted no
further than the page asked for needs (`partnership.pagination`, issue 15)."""

import pytest
from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory

from partnership.models import Organisation
from partnership.pagination import Paginator as BoundedPaginator
from partnership.templatetags.govuk import counted


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def items(number: int, count: int) -> list[str]:
    page_obj = Paginator(range(count), 50).page(number)
    request = RequestFactory().get("/audits/returns/", {"stage": "submitted", "page": number})
    html = render_to_string("components/pagination.html", {"page_obj": page_obj}, request=request)
    return [item.get_text(strip=True) for item in parse(html).select(".govuk-pagination__item")]


def test_a_long_list_shows_the_ends_and_the_neighbours_of_the_current_page():
    assert items(1000, 300_000) == ["1", "⋯", "999", "1000", "1001", "⋯", "6000"]
    assert items(1, 300_000) == ["1", "2", "⋯", "6000"]
    assert items(6000, 300_000) == ["1", "⋯", "5999", "6000"]


def test_a_short_list_shows_every_page_and_marks_the_current_one():
    assert items(2, 200) == ["1", "2", "3", "4"]
    request = RequestFactory().get("/", {"stage": "submitted"})
    html = render_to_string(
        "components/pagination.html", {"page_obj": Paginator(range(200), 50).page(2)}, request=request
    )
    current = parse(html).select_one("[aria-current=page]")
    assert current.get_text() == "2"
    assert "stage=submitted" in current["href"]  # the other filters are kept


def bounded(number, rows: int = 30):
    """Page `number` of a list of `rows` organisations, 2 a page, counted exactly up to 10 rows."""
    Organisation.objects.bulk_create(Organisation(name=f"Org {n:03d}", type="vcf") for n in range(rows))
    paginator = BoundedPaginator(Organisation.objects.order_by("name", "pk"), 2)
    paginator.count_upto = 10
    page_obj = paginator.get_page(number)
    request = RequestFactory().get("/staff/", {"page": number})
    html = render_to_string("components/pagination.html", {"page_obj": page_obj}, request=request)
    shown = [item.get_text(strip=True) for item in parse(html).select(".govuk-pagination__item")]
    return page_obj, shown


@pytest.mark.django_db
def test_a_list_longer_than_it_counts_says_more_than_and_shows_no_last_page():
    page_obj, shown = bounded(1)
    assert shown == ["1", "2", "⋯"]
    assert counted(page_obj.paginator) == "more than 10"
    assert [o.name for o in page_obj] == ["Org 000", "Org 001"]


@pytest.mark.django_db
def test_a_page_far_down_counts_as_far_as_its_neighbours():
    page_obj, shown = bounded(10)
    assert shown == ["1", "⋯", "9", "10", "11", "⋯"]
    assert page_obj.has_next()
    assert [o.name for o in page_obj] == ["Org 018", "Org 019"]


@pytest.mark.django_db
def test_near_the_end_the_count_is_exact_and_the_last_page_shown():
    page_obj, shown = bounded(14)
    assert shown == ["1", "⋯", "13", "14", "15"]
    assert counted(page_obj.paginator) == "30"


@pytest.mark.django_db
@pytest.mark.parametrize("forged", ["9" * 40, "-3", "2.5", "x", "\x00"])
def test_a_forged_page_number_gives_the_first_or_last_page(forged):
    page_obj, _ = bounded(forged)
    assert page_obj.number == (15 if forged.startswith("9") else 1)
