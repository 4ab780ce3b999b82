"""The partnership's details the seed does not give (MASH phone, contact email, CDOP mailbox and web page) come
only from the site settings the administrator edits: hidden from the public until set, "not set" to people
signed in, shown everywhere once set."""

import pytest
from django.urls import reverse

from content.templatetags.content_tags import markdown
from partnership.models import SiteSettings
from tests.html import page as soup
from tests.html import text

pytestmark = pytest.mark.django_db

PHONE = "020 7946 0000"  # a number reserved for drama: never a real line


def test_until_set_the_public_sees_no_number_or_address_and_no_gap(client):
    home = client.get("/")
    said = text(home)
    assert "contact Barnet's Multi-Agency Safeguarding Hub (MASH). If a child is in immediate danger" in said
    assert "not set" not in text(home, "body")
    assert not soup(home).select("a[href^='tel:'], a[href^='mailto:']")
    assert "or email" not in text(client.get("/privacy/"))


def test_until_set_people_signed_in_see_what_is_missing(client, sign_in, manager):
    signed_in = sign_in(manager)
    said = text(signed_in.get("/"), "body")
    assert "the MASH phone number is not set" in said
    assert "the partnership's contact email is not set" in said


def test_once_the_administrator_sets_them_every_visitor_sees_them(client, sign_in, administrator):
    admin = sign_in(administrator)
    response = admin.post(
        reverse("admin:partnership_sitesettings_change", args=[SiteSettings.current().pk]),
        {
            "cdop_email": "cdop@ncl.example",
            "contact_email": "bscp@partnership.example",
            "mash_phone": PHONE,
            "cdop_web_page": "https://ncl.example/cdop/",
        },
    )
    assert response.status_code == 302
    client.logout()
    home = soup(client.get("/"))
    assert home.select_one("a[href='tel:02079460000']").get_text() == PHONE
    assert home.select_one("footer a[href='mailto:bscp@partnership.example']")
    assert "not set" not in home.get_text()
    assert "bscp@partnership.example" in text(client.get("/accessibility/"))


def test_a_made_up_phone_number_is_refused_in_plain_words(sign_in, administrator):
    response = sign_in(administrator).post(
        reverse("admin:partnership_sitesettings_change", args=[SiteSettings.current().pk]),
        {"mash_phone": "call us!"},
    )
    assert response.status_code == 200
    assert "Enter a telephone number in digits" in text(response, "body")
    assert SiteSettings.current().mash_phone == ""


def test_a_page_names_a_detail_and_links_it_once_set():
    body = "Email [the CDOP office](site:cdop_email); see [the NCL CDOP web page](site:cdop_web_page)."
    assert str(markdown(body)) == '<p class="govuk-body">Email the CDOP office; see the NCL CDOP web page.</p>'
    SiteSettings.objects.update_or_create(
        pk=1, defaults={"cdop_email": "cdop@ncl.example", "cdop_web_page": "https://ncl.example/cdop/"}
    )
    html = soup_of(markdown(body))
    assert html.select_one("a[href='mailto:cdop@ncl.example']").get_text() == "cdop@ncl.example"
    outside = html.select_one("a[href='https://ncl.example/cdop/']")
    assert "bscp-external" in outside["class"]
    assert outside.get_text() == "the NCL CDOP web page (external website)"


def soup_of(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(str(html), "html.parser")
