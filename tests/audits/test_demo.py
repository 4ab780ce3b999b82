import io

import pytest

from audits import demo
from audits.models import AuditReturn, Criterion, Cycle, Tool
from partnership import demo as partnership_demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_both_tools_past_and_current_cycles_and_returns_in_every_stage(settings):
    settings.DEBUG = False
    out = io.StringIO()
    partnership_demo.load(out)
    demo.load(out)
    demo.load(out)  # idempotent
    assert set(Tool.objects.values_list("kind", flat=True)) == {"section_11", "vcfs"}
    section_11 = Tool.objects.get(kind="section_11")
    assert section_11.versions.count() == 2
    assert section_11.versions.get(number=1).areas.count() == 8
    assert Tool.objects.get(kind="vcfs").versions.get().areas.count() == 10
    assert Criterion.objects.filter(area__version__tool=section_11, area__version__number=2).count() == (
        Criterion.objects.filter(area__version__tool=section_11, area__version__number=1).count() + 1
    )
    assert Cycle.objects.count() == 3
    assert Cycle.objects.filter(stage=Cycle.Stage.CLOSED).count() == 1
    assert set(AuditReturn.objects.values_list("stage", flat=True)) == set(AuditReturn.Stage.values)
    assert AuditReturn.objects.filter(organisation__name="Young Barnet Foundation").exists()
