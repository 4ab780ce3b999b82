"""Real Chromium (Debian's) driven by Playwright against the live test server.

Skipped, with the reason shown, when /usr/bin/chromium is not installed (`.ci/run` installs it).
"""

import json
import os
import time
from pathlib import Path

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NEUTRAL_SITE = "https://www.bbc.co.uk/weather"

# The live server runs in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason="browser tests need /usr/bin/chromium (apt-get install chromium)")
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    )


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    # Nothing leaves this machine: the neutral site "Exit this page" goes to is answered here.
    context.route(f"{NEUTRAL_SITE}**", lambda route: route.fulfill(status=200, body="<title>Weather</title>"))
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core's WCAG 2.2 AA rules on the page; CDP evaluation is not blocked by the page's CSP."""
    page.evaluate(AXE.read_text())
    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]}  # the faster run
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, json.dumps(violations, indent=2)


def current_code(user) -> str:
    """The code the person's app shows now; if this time step's code was already used (the same person signing in
    twice within 30 seconds), wait for the next one, as a person would."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if device.last_t >= totp.t():
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.5)
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def sign_in_through_the_pages(page, user, check=None):
    """Sign in as a person would: email and password, then the code from their app."""
    page.goto("/accounts/login/")
    if check:
        check(page)
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Security code").wait_for()
    if check:
        check(page)
    page.get_by_label("Security code").fill(current_code(user))
    page.get_by_role("button", name="Continue").click()


def fill_date(page, legend: str, day) -> None:
    """Type a date into the GOV.UK date input whose fieldset legend is `legend`."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def choose_agency(page, name):
    """On the Form B page: search the directory for the agency, then choose it from what is found."""
    page.get_by_label("Agency name").fill(name)
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_label(name, exact=True).check()
