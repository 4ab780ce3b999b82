"""Rendering editors' text safely: Markdown to HTML, then sanitised with nh3 (an allow-list), so nothing an
editor or another app wrote can run in a visitor's browser."""

import re

import markdown as markdown_lib
import nh3
from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from partnership.models import SiteSettings

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


# `[words](site:cdop_email)`: a detail from `SiteSettings` (never typed into a page), linked once the administrator
# has set it, the words alone until then.
SITE_LINK = re.compile(r'<a href="site:(\w+)">(.*?)</a>', re.S)
SITE_DETAILS = {"contact_email": "mailto:", "cdop_email": "mailto:", "mash_phone": "tel:", "cdop_web_page": ""}
EXTERNAL_LINK = re.compile(r'<a href="(https?://[^"]+)" class="govuk-link"([^>]*)>(.*?)</a>', re.S)
EXTERNAL_MARK = '<span class="govuk-visually-hidden"> (external website)</span>'


def _site_link(match: re.Match) -> str:
    name, words = match[1], match[2]
    if name not in SITE_DETAILS:
        return words
    value = getattr(SiteSettings.cached(), name)
    if not value:
        return words
    scheme = SITE_DETAILS[name]
    if not scheme:
        return f'<a href="{escape(value)}">{words}</a>'
    target = value if scheme == "mailto:" else "".join(c for c in value if c.isdigit() or c == "+")
    return f'<a href="{scheme}{escape(target)}">{escape(value)}</a>'


def _external(match: re.Match) -> str:
    """Another site's address: the link says so to everyone (a class for the eye, words for screen readers), the
    same on every page; it opens in the same tab."""
    href, rest, words = match[1], match[2], match[3]
    return f'<a href="{href}" class="govuk-link bscp-external"{rest}>{words}{EXTERNAL_MARK}</a>'


@register.filter
def markdown(text: str) -> str:
    """Markdown (or HTML, which Markdown passes through) as sanitised GOV.UK-styled HTML: nh3 keeps only the
    allowed tags and attributes and drops scripts, styles, event handlers and javascript: links. Links to other
    sites are marked as external; `site:` links take the partnership's details from `SiteSettings`."""
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    html = SITE_LINK.sub(_site_link, html)
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes={"a": {"href"}, "abbr": {"title"}, "th": {"scope"}},
        url_schemes={"http", "https", "mailto", "tel"},
        set_tag_attribute_values={tag: {"class": classes} for tag, classes in CLASSES.items()},
    )
    clean = EXTERNAL_LINK.sub(_external, clean)  # only our own fixed words added to nh3's output
    return mark_safe(clean)  # noqa: S308 (sanitised by nh3 just above)


MARKUP = re.compile(r"[#*_|`]+|\]\([^)]*\)|\[|\]")


@register.filter
def search_snippet(snippet: str) -> str:
    """A ts_headline snippet: every character escaped, then only our own highlight markers made into <mark>."""
    text = (snippet or "").replace("[[mark]]", "\x01").replace("[[/mark]]", "\x02")
    text = escape(MARKUP.sub(" ", text))
    return mark_safe(text.replace("\x01", "<mark>").replace("\x02", "</mark>"))  # noqa: S308
