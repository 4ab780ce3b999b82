"""Template tags for GOV.UK Frontend components shared by every app.

Breadcrumbs: one trail of links, each given as a label and where it goes (a URL name with its arguments,
a path, or an object with `get_absolute_url`, as `django.shortcuts.resolve_url` takes them)::

    {% load govuk %}
    {% breadcrumbs %}
      {% crumb "Home" "home" %}
      {% if perms.reviews.read_case %}{% crumb "Serious incidents" "reviews:case-list" %}{% endif %}
      {% crumb case.reference "cdop-case" case.pk %}
      {% crumb board.name board %}
    {% endbreadcrumbs %}

The trail is rendered by `components/breadcrumbs.html`, which takes `crumbs`, a list of (label, url) pairs.

Table regions: every table sits in one, so a wide table scrolls inside its own box on a phone instead of the page
scrolling sideways (WCAG 1.4.10 reflow). The box is focusable, for keyboard users to scroll it, and named, for screen
reader users to know what they are in::

    {% table_region "Open actions" %}<table class="govuk-table">...</table>{% endtable_region %}
"""

from django import template
from django.shortcuts import resolve_url
from django.template.loader import render_to_string
from django.utils.html import format_html

register = template.Library()

CRUMBS = "_govuk_breadcrumbs"


class BreadcrumbsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        crumbs = []
        with context.push({CRUMBS: crumbs}):
            self.nodelist.render(context)  # only the {% crumb %} tags inside count; other text is dropped
        return render_to_string("components/breadcrumbs.html", {"crumbs": crumbs})


@register.tag
def breadcrumbs(parser, token):
    nodelist = parser.parse(("endbreadcrumbs",))
    parser.delete_first_token()
    return BreadcrumbsNode(nodelist)


@register.simple_tag(takes_context=True)
def crumb(context, label, to, *args):
    """Add one link to the enclosing {% breadcrumbs %} trail."""
    if CRUMBS not in context:
        raise template.TemplateSyntaxError("{% crumb %} belongs inside {% breadcrumbs %}")
    context[CRUMBS].append((label, resolve_url(to, *args)))
    return ""


class TableRegionNode(template.Node):
    def __init__(self, label, nodelist):
        self.label = label
        self.nodelist = nodelist

    def render(self, context):
        return format_html(
            '<div class="bscp-table-container" role="region" aria-label="{}" tabindex="0">{}</div>',
            self.label.resolve(context),
            self.nodelist.render(context),
        )


@register.tag
def table_region(parser, token):
    """Wrap a table in a labelled, focusable box that scrolls sideways on its own; the label is text or a variable."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% table_region %} takes one label, the name of the table")
    nodelist = parser.parse(("endtable_region",))
    parser.delete_first_token()
    return TableRegionNode(parser.compile_filter(bits[1]), nodelist)


@register.filter
def page_numbers(page):
    """The page numbers GOV.UK pagination shows for a Django `Page`: the first and last, the current one and its
    neighbours, `None` for each gap. A fixed handful however many pages there are (looping over every page number
    cost a list of 300,000 returns half a second). A list counted only so far (`partnership.pagination`) ends with
    a gap, not a last page it does not know."""
    elided = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    numbers = [None if number == page.paginator.ELLIPSIS else number for number in elided]
    if getattr(page.paginator, "more", False):
        numbers.pop()
        if numbers[-1] is not None:
            numbers.append(None)
    return numbers


@register.filter
def counted(paginator):
    """How many rows a paginated list holds, as far as it was counted: "12", or "more than 1,000"."""
    if getattr(paginator, "more", False):
        return f"more than {paginator.count:,}"
    return f"{paginator.count:,}"
