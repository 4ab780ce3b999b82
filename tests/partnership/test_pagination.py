"""The GOV.UK pagination shows a fixed handful of page links however long the list."""

from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


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
