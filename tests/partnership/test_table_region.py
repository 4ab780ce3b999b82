"""Every table sits in a labelled, focusable box that scrolls on its own, so a wide table never makes a phone's page
scroll sideways (WCAG 1.4.10 reflow) and a keyboard user can still scroll it."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError

TABLE = '<table class="govuk-table"><caption>Open actions</caption><tr><td>A</td></tr></table>'


def rendered(source: str, **context) -> BeautifulSoup:
    return BeautifulSoup(Template("{% load govuk %}" + source).render(Context(context)), "html.parser")


def test_a_table_region_is_a_named_focusable_box_around_the_table():
    html = rendered('{% table_region "Open actions" %}' + TABLE + "{% endtable_region %}")
    region = html.select_one("div.bscp-table-container")
    assert region["role"] == "region"
    assert region["aria-label"] == "Open actions"
    assert region["tabindex"] == "0"
    assert region.select_one("table caption").get_text() == "Open actions"


def test_the_label_can_come_from_the_page_and_is_escaped():
    html = rendered("{% table_region caption %}" + TABLE + "{% endtable_region %}", caption='Cases "A" <b>')
    region = html.select_one("[role=region]")
    assert region["aria-label"] == 'Cases "A" <b>'
    assert region.select_one("b") is None


def test_a_table_region_needs_its_label():
    with pytest.raises(TemplateSyntaxError):
        rendered("{% table_region %}" + TABLE + "{% endtable_region %}")


def template_files() -> list[Path]:
    roots = [Path(folder) for config in settings.TEMPLATES for folder in config.get("DIRS", [])]
    roots += [path for path in Path(settings.BASE_DIR).glob("*/templates") if ".venv" not in path.parts]
    return sorted({file for root in roots for file in root.rglob("*.html")})


def test_every_table_in_the_templates_is_in_a_table_region():
    """A new table is covered without anyone remembering: one outside `{% table_region %}` fails here."""
    outside = []
    for file in template_files():
        depth = 0
        for match in re.finditer(r"{%\s*(end)?table_region\b|<table\b", file.read_text()):
            if match.group(0).startswith("<table"):
                if depth <= 0:
                    outside.append(f"{file}: line {file.read_text().count(chr(10), 0, match.start()) + 1}")
            else:
                depth += -1 if match.group(1) else 1
    assert len(template_files()) > 100  # the walk found the templates
    assert not outside, "tables outside {% table_region %}:\n" + "\n".join(outside)
