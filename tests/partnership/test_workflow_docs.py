"""Each app's docs page shows its machines as drawn from the declarations (`manage.py workflow_docs`)."""

import pytest

from partnership.workflow import machines
from partnership.workflow_docs import apps_with_machines, docs_page, mermaid, moves_table, page_with_section


@pytest.mark.parametrize("app_label", apps_with_machines())
def test_the_docs_page_shows_the_machines_as_declared(app_label):
    assert docs_page(app_label).read_text() == page_with_section(app_label), (
        f"docs/{app_label}.md is out of date: run `manage.py workflow_docs`"
    )


@pytest.mark.parametrize("machine", machines(), ids=lambda machine: machine.model)
def test_the_diagram_and_table_name_every_move(machine):
    diagram, table = mermaid(machine), moves_table(machine)
    for move in machine.moves:
        assert f"{move.target}: {move.label}" in diagram
        assert f"(`{move.name}`)" in table
