"""`pk_url` gives the links of list rows without a reverse() each: the same address reverse() gives, under the
script prefix the portal is served from."""

import pytest
from django.urls import reverse, set_script_prefix

from partnership.links import pk_url


@pytest.mark.parametrize("name", ["reviews:case-detail", "reviews:action-detail", "audits:return-detail", "cdop-case"])
def test_the_address_reverse_gives(name):
    assert pk_url(name, 7) == reverse(name, args=[7])
    assert pk_url(name, 1234567) == reverse(name, args=[1234567])


def test_under_a_script_prefix():
    set_script_prefix("/portal/")
    try:
        assert pk_url("reviews:case-detail", 7) == reverse("reviews:case-detail", args=[7])
        assert pk_url("reviews:case-detail", 7).startswith("/portal/")
    finally:
        set_script_prefix("/")
