"""`{% stage_history record %}`: the one stage history component, on every case, return, item and page."""

from django import template

from partnership.selectors import stage_history as history_rows

register = template.Library()


@register.inclusion_tag("partnership/_stage_history.html")
def stage_history(subject, heading="Stage history"):
    return {"rows": history_rows(subject), "heading": heading}
