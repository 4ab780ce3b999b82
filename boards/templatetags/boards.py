import re

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html_join

register = template.Library()


@register.filter
def paragraphs(value: str):
    """Plain text as GOV.UK body paragraphs: a blank line starts a paragraph, a line break stays one. Escaped."""
    parts = [part.strip() for part in re.split(r"\n\s*\n", str(value or "").replace("\r\n", "\n")) if part.strip()]
    return format_html_join(
        "\n", '<p class="govuk-body">{}</p>', ((linebreaksbr(part, autoescape=True),) for part in parts)
    )
