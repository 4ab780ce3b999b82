import io

import pytest
from django.core.management import call_command

from boards.models import Board, Meeting, Membership, RaisedItem, TermsOfReference

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_four_boards_and_items_in_every_stage_and_can_be_loaded_again():
    call_command("load_demo", stdout=io.StringIO())
    counts = [Model.objects.count() for Model in (Board, Membership, TermsOfReference, Meeting, RaisedItem)]
    call_command("load_demo", stdout=io.StringIO())
    assert [Model.objects.count() for Model in (Board, Membership, TermsOfReference, Meeting, RaisedItem)] == counts
    assert list(Board.objects.values_list("name", flat=True)) == [
        "Leadership Forum",
        "Performance and Quality Assurance Panel",
        "Learning and Thematic Review Group",
        "Voluntary, Community and Faith Sector Group",
    ]
    assert Board.objects.get(short_name="VCFS").reports_to.short_name == "PQA"
    assert set(RaisedItem.objects.values_list("stage", flat=True)) == set(RaisedItem.Stage.values)
    assert Membership.objects.filter(board__short_name="LTRG", user__email="police.rep@bscp.example").exists()
    assert Meeting.objects.filter(published_at__isnull=False).exists()
