"""Parse responses as a browser would, so view tests assert what a person sees."""

from bs4 import BeautifulSoup


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def text(response, selector: str = "main") -> str:
    """The visible text of the first element matching `selector`, whitespace folded."""
    element = page(response).select_one(selector)
    return " ".join(element.get_text(" ").split()) if element else ""


def error_summary(response) -> list[str]:
    return [" ".join(li.get_text(" ").split()) for li in page(response).select(".govuk-error-summary__list li")]
