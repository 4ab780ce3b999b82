from django import template
from django.utils.html import format_html

register = template.Library()

TAG_COLOURS = {"green": "green", "amber": "orange", "red": "red", "na": "grey"}
SVG_FILL = {"green": "#00703c", "amber": "#f47738", "red": "#d4351c", "na": "#b1b4b6", "": "#ffffff"}
# The word on each square, in a colour that contrasts with it by 4.5:1 at least (white on orange does not).
SVG_TEXT = {"green": "#ffffff", "amber": "#0b0c0c", "red": "#ffffff", "na": "#0b0c0c", "": "#0b0c0c"}


@register.filter
def bound(form, name):
    """The bound field called `name` (the return forms name their fields per criterion and action)."""
    return form[name]


@register.simple_tag
def rating_tag(rating, empty="Not rated"):
    if not rating:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', empty)
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', TAG_COLOURS[rating.value], rating.short)


@register.filter
def svg_fill(rating):
    return SVG_FILL[rating.value if rating else ""]


@register.filter
def svg_text(rating):
    return SVG_TEXT[rating.value if rating else ""]


@register.filter
def short(rating):
    return rating.short if rating else "–"
