import io

import pytest

from content import scale
from content.models import Page, Publication
from content.search import search
from partnership.scaling import ScalePlan

pytestmark = pytest.mark.django_db


def test_scale_data_tops_up_to_the_scale_and_is_searchable():
    scale.load(ScalePlan.about(5), io.StringIO())
    scale.load(ScalePlan.about(8), io.StringIO())
    assert Page.objects.filter(parent__path="scale-section").count() == 8
    assert Publication.objects.filter(slug__startswith="scale-").count() == 8
    assert search("neglect")
