"""The website's stage moves in the admin are actions calling the services; a refusal is a message in words."""

import pytest
from django.urls import reverse

from content.models import Page, Status
from tests.content.factories import PageFactory, PagePublishedFactory
from tests.html import text

pytestmark = pytest.mark.django_db


def test_publishing_pages_in_the_admin_publishes_the_drafts_and_names_the_page_refused(client, sign_in, administrator):
    draft, published = PageFactory(), PagePublishedFactory(title="Early help")
    response = sign_in(administrator).post(
        reverse("admin:content_page_changelist"),
        {"action": "publish", "_selected_action": [draft.pk, published.pk]},
        follow=True,
    )
    shown = text(response, ".messagelist")
    assert "Early help: You cannot publish the page now: the page is at the stage “Published”." in shown
    assert "1 page(s) published." in shown
    assert not {"[", "]"} & set(shown)
    assert Page.objects.get(pk=draft.pk).status == Status.PUBLISHED
