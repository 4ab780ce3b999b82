"""The admin's action confirmation pages pass axe (WCAG 2.2 AA), and the admin carries the 999 banner and "Exit this
page", as every other page does. The actions are found by enumerating the admin's registered models, so a model
registered later is covered without anyone adding it here. The admin's other pages (list, add, change, history,
delete) are checked by the crawl (`tests/browser/test_crawl.py`), which enumerates the same registry."""

import io
import re
import time

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve, reverse
from playwright.sync_api import expect

from tests.browser.conftest import NEUTRAL_SITE, axe_violations, sign_in_through_the_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class _Rollback(Exception):
    pass


def _shows_a_confirmation_page(model_admin, request, func, record) -> bool:
    """Whether the action answers with a page of its own (as `delete_selected` does) rather than acting at once;
    asked with the change rolled back, so nothing the action would do is kept."""
    answer = None
    try:
        with transaction.atomic():
            answer = func(model_admin, request, model_admin.get_queryset(request).filter(pk=record.pk))
            raise _Rollback
    except _Rollback:
        pass
    return isinstance(answer, HttpResponse) and answer.status_code == 200


def _request(user, url):
    request = RequestFactory().post(url, {})
    request.resolver_match = resolve(url)
    request.user = user
    user.is_verified = lambda: True  # as django-otp's middleware marks one signed in with their second factor
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def action_confirmation_pages(user):
    """(changelist url, (action name, record pk)) for every admin action that asks before it acts."""
    pages = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        request = _request(user, changelist)
        record = model_admin.get_queryset(request).order_by("pk").first()
        if record is None:
            continue
        for action in model_admin.get_actions(request).values():
            if _shows_a_confirmation_page(model_admin, _request(user, changelist), action.func, record):
                pages.append((changelist, (action.name, record.pk)))
    return pages


def open_page(page, url, action):
    if action is None:
        return page.goto(url)
    name, pk = action
    page.goto(url)
    page.locator(f'input[name="{ACTION_CHECKBOX_NAME}"][value="{pk}"]').check()
    page.locator('select[name="action"]').select_option(name)
    with page.expect_navigation():
        page.locator('button[name="index"]').click()
    return None


def test_every_action_confirmation_page_passes_axe_and_the_admin_carries_the_banner_and_exit(page, administrator):
    started = time.monotonic()
    call_command("load_demo", stdout=io.StringIO())
    print(f"demo loaded in {time.monotonic() - started:.0f}s")
    sign_in_through_the_pages(page, administrator)
    failures = []
    pages = action_confirmation_pages(administrator)
    assert pages, "no admin action with a confirmation page was found"
    for url, action in pages:
        response = open_page(page, url, action)
        where = f"{url} ({action[0]})" if action else url
        if response is not None and response.status != 200:
            failures.append(f"{where}: status {response.status}")
            continue
        violations = axe_violations(page)
        if violations:
            failures.append(f"{where}: {', '.join(f'{v["id"]} {v["nodes"]}' for v in violations)}")
    print(f"{len(pages)} action confirmation pages checked in {time.monotonic() - started:.0f}s")
    assert not failures, f"{len(failures)} of {len(pages)} action confirmation pages fail:\n" + "\n".join(failures)

    page.goto(reverse("admin:index"))
    expect(page.get_by_text("If a child is in immediate danger please call 999")).to_be_visible()
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(re.compile(re.escape(NEUTRAL_SITE)))
