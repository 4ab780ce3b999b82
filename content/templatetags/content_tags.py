"""Rendering editors' text safely: Markdown to HTML, then sanitised with nh3 (an allow-list), so nothing an
editor or another app wrote can run in a visitor's browser."""

import re

import markdown as markdown_lib
import nh3
from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "br",
    "abbr",
}
CLASSES = {
    "p": "govuk-body",
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
    "table": "govuk-table",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
    "blockquote": "govuk-inset-text",
}


@register.filter
def markdown(text: str) -> str:
    """Markdown (or HTML, which Markdown passes through) as sanitised GOV.UK-styled HTML: nh3 keeps only the
    allowed tags and attributes and drops scripts, styles, event handlers and javascript: links."""
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes={"a": {"href"}, "abbr": {"title"}, "th": {"scope"}},
        url_schemes={"http", "https", "mailto", "tel"},
        set_tag_attribute_values={tag: {"class": classes} for tag, classes in CLASSES.items()},
    )
    return mark_safe(clean)  # noqa: S308 (sanitised by nh3 just above)


MARKUP = re.compile(r"[#*_|`]+|\]\([^)]*\)|\[|\]")


@register.filter
def search_snippet(snippet: str) -> str:
    """A ts_headline snippet: every character escaped, then only our own highlight markers made into <mark>."""
    text = (snippet or "").replace("[[mark]]", "\x01").replace("[[/mark]]", "\x02")
    text = escape(MARKUP.sub(" ", text))
    return mark_safe(text.replace("\x01", "<mark>").replace("\x02", "</mark>"))  # noqa: S308
