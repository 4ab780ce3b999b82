"""The partnership's own details that its text does not give (`SiteSettings`: contact email, MASH phone, CDOP
mailbox), on pages: the value once the administrator has set it; until then nothing for the public, and "not set"
for anyone signed in, so staff see the gap instead of an invented number."""

from django import template
from django.utils.html import format_html

from partnership.models import SiteSettings

register = template.Library()

LABELS = {
    "contact_email": "the partnership's contact email",
    "mash_phone": "the MASH phone number",
    "cdop_email": "the CDOP mailbox",
}


@register.simple_tag(takes_context=True)
def site_detail(context, name: str, before: str = "", after: str = "", link_class: str = "govuk-link"):
    """`before` + the detail (an email as a mailto link, a phone number as a tel link) + `after`; for the public
    nothing at all while it is not set; for people signed in, a "not set" marker in its place."""
    if name not in LABELS:
        raise template.TemplateSyntaxError(f"site_detail: unknown detail {name!r}")
    value = getattr(SiteSettings.cached(), name)
    if value:
        scheme = "mailto:" if name.endswith("_email") else "tel:"
        target = value if scheme == "mailto:" else "".join(c for c in value if c.isdigit() or c == "+")
        return format_html('{}<a class="{}" href="{}{}">{}</a>{}', before, link_class, scheme, target, value, after)
    user = getattr(context.get("request"), "user", None)
    if user is not None and user.is_authenticated:
        return format_html(
            '{}<strong class="govuk-tag govuk-tag--grey bscp-not-set">{} is not set</strong>{}',
            before,
            LABELS[name],
            after,
        )
    return ""


@register.simple_tag
def site_detail_set(name: str) -> bool:
    """Whether the detail is set, for wording around it: `{% site_detail_set "mash_phone" as has_phone %}`."""
    return bool(getattr(SiteSettings.cached(), name))
