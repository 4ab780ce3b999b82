"""A child's NHS number is checked with its modulus 11 check digit: a mistyped number is refused in plain words."""

import pytest
from django.urls import reverse

from partnership.nhs import nhs_number_is_valid
from reviews import services
from reviews.models import ChildIdentity
from tests.html import error_summary
from tests.reviews import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "valid"),
    [("9434765919", True), ("4857773457", True), ("9434765918", False), ("4857773456", False),
     ("1234567890", False), ("943476591", False), ("94347659190", False), ("943476591x", False), ("٩٤٣٤٧٦٥٩١٩", False)],
)  # fmt: skip
def test_the_check_digit(number, valid):
    assert nhs_number_is_valid(number) is valid


def post_identity(client, case, nhs_number):
    data = {"child": case.children.get().pk, "full_name": "A Name", "nhs_number": nhs_number, "version": case.version}
    return client.post(reverse("reviews:case-step", args=[case.pk, "identity"]), data)


@pytest.mark.parametrize("number", ["943 476 5918", "1234567890", "94347", "943476591999999", "not a number"])
def test_a_wrong_nhs_number_is_refused_and_nothing_saved(number, manager, sign_in, reps):
    case = f.CaseFactory()
    response = post_identity(sign_in(manager), case, number)
    assert error_summary(response) == ["Enter a valid NHS number"]
    assert not ChildIdentity.objects.exists()


def test_a_valid_nhs_number_is_saved_as_its_digits(manager, sign_in, reps):
    case = f.CaseFactory()
    assert post_identity(sign_in(manager), case, "943-476 5919").status_code == 302
    assert ChildIdentity.objects.get().nhs_number == "9434765919"


def test_the_service_refuses_a_wrong_nhs_number_too(manager, reps):
    case = f.CaseFactory()
    with pytest.raises(Exception, match="Enter a valid NHS number"):
        services.child_identity_record(child=case.children.get(), nhs_number="9434765918", by=manager)
