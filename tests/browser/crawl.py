"""Issue 17's crawl: every page an audience can reach, found by following links (and, for the admin, by the
models it registers), checked with axe at 1280 px and for sideways scrolling at 375 px.

To keep the run short, one address per URL pattern is visited for each audience: the pages a pattern serves share
a template, so the first one found stands for the rest (query strings and other objects of the same kind are
skipped)."""

import threading
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.test import RequestFactory
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from tests.browser.conftest import axe_violations, launch

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 800}
# Links never followed: they sign out, or lead to files rather than pages.
NOT_FOLLOWED = ("logout", "sign-out", "/static/", "/media/", "download")
FILE_ENDINGS = (".pdf", ".csv", ".ics", ".xml", ".txt", ".zip", ".docx", ".xlsx", ".png", ".jpg", ".svg")
# The outermost elements that stick out past the right edge of the screen: where a sideways scroll comes from.
OVERFLOW = """() => {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width) return null;
  const out = [...document.body.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > width + 1);
  const outermost = out.filter(e => !out.includes(e.parentElement));
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
    + [...e.classList].slice(0, 2).map(c => "." + c).join("");
  return {scrollWidth: document.documentElement.scrollWidth, culprits: outermost.slice(0, 3).map(name)};
}"""


def pattern(path: str) -> str:
    """The URL pattern that serves `path`: the key of the sample."""
    try:
        match = resolve(path)
    except Resolver404:
        return f"unrouted {path}"
    return f"{match.route} ({match.url_name})"


def is_public(path: str) -> bool:
    """Open without signing in (the views marked `login_not_required`): the public audience's pages."""
    try:
        view = resolve(path).func
    except Resolver404:
        return True
    return getattr(view, "login_required", True) is False


def followable(path: str) -> bool:
    lowered = path.lower()
    if any(word in lowered for word in NOT_FOLLOWED) or lowered.endswith(FILE_ENDINGS):
        return False
    # The admin's delete confirmation is a GET-safe page; any other "delete" address is left alone.
    return "delete" not in lowered or lowered.startswith("/admin/")


class Claims:
    """The patterns already taken, shared by the crawls of one audience that run side by side."""

    def __init__(self, taken=()):
        self.taken, self.lock = set(taken), threading.Lock()

    def claim(self, key: str) -> bool:
        """True if `key` was free (and is now taken)."""
        with self.lock:
            free = key not in self.taken
            self.taken.add(key)
            return free


@dataclass
class Crawl:
    """One audience's crawl, in one browser page that is reused for every address."""

    page: object
    audience: str
    wanted: object  # path -> bool: the part of the site this audience covers
    failures: list[str] = field(default_factory=list)
    visited: dict[str, str] = field(default_factory=dict)  # pattern -> the address that stood for it
    not_pages: list[str] = field(default_factory=list)

    def run(self, starts: list[str], claims: "Claims | None" = None) -> None:
        """Visit `starts`, then every link found, one address per pattern; crawls sharing `claims` never visit a
        pattern twice between them."""
        claims = claims or Claims()
        queue = deque(starts)
        for url in starts:
            claims.claim(pattern(urlsplit(url).path))
        while queue:
            url = queue.popleft()
            for link in self.check(url):
                parts = urlsplit(link)
                if parts.scheme not in ("http", "https") or (parts.netloc and parts.netloc != self.netloc):
                    continue
                if not followable(parts.path) or not self.wanted(parts.path):
                    continue
                if not claims.claim(pattern(parts.path)):
                    continue
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))

    @property
    def netloc(self) -> str:
        return urlsplit(self.page.url).netloc

    def fail(self, url: str, what: str) -> None:
        self.failures.append(f"{self.audience}: {url} -> {what}")

    def check(self, url: str) -> list[str]:
        """Open the address at desktop width, run axe, then narrow to a phone; return the page's links."""
        self.page.set_viewport_size(DESKTOP)
        try:
            response = self.page.goto(url)
        except PlaywrightError as error:  # a file sent as an attachment starts a download instead
            self.not_pages.append(f"{url} ({str(error).splitlines()[0]})")
            return []
        if "text/html" not in response.headers.get("content-type", ""):
            self.not_pages.append(f"{url} ({response.headers.get('content-type')})")
            return []
        landed = urlsplit(self.page.url).path
        if landed != urlsplit(url).path:
            if pattern(landed) in self.visited:  # redirected to a page already checked
                return self._links()
            url = f"{url} (redirected to {landed})"
        self.visited[pattern(landed)] = url
        if response.status != 200:
            self.fail(url, f"status {response.status}")
        for violation in axe_violations(self.page):
            self.fail(url, f"axe {violation['id']} at 1280 px: {violation['nodes']}")
        self.page.set_viewport_size(PHONE)
        overflow = self.page.evaluate(OVERFLOW)
        if overflow:
            self.fail(url, f"scrolls sideways at 375 px (width {overflow['scrollWidth']}): {overflow['culprits']}")
        return self._links()

    def _links(self) -> list[str]:
        return self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")


def admin_pages(user) -> list[str]:
    """Every registered model's list, add form, first record, its history and delete confirmation, as far as the
    administrator may open them, so a model is covered even when no page links to it."""
    request = RequestFactory().get("/admin/")
    request.user = user
    request.resolver_match = resolve("/admin/")  # some admins (pghistory's) read it
    urls = []
    for model, model_admin in admin.site._registry.items():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        first = model_admin.get_queryset(request).order_by("pk").first()
        wanted = [
            ("changelist", [], model_admin.has_view_or_change_permission(request)),
            ("add", [], model_admin.has_add_permission(request)),
        ]
        if first is not None:
            key = [quote(first.pk)]
            wanted += [
                ("change", key, model_admin.has_view_or_change_permission(request, first)),
                ("history", key, model_admin.has_view_or_change_permission(request, first)),
                ("delete", key, model_admin.has_delete_permission(request, first)),
            ]
        for view, args, allowed in wanted:
            if allowed:
                try:
                    urls.append(reverse(f"{name}_{view}", args=args))
                except NoReverseMatch:  # a model admin that removes one of its views
                    continue
    return urls


@dataclass
class Job:
    """One crawl to run: who (their signed-in cookies, or none), from where, over which paths."""

    audience: str
    session: dict | None
    starts: list[str]
    wanted: object
    claims: Claims | None = None


def crawl_in_parallel(jobs: list[Job], base_url: str, workers: int) -> list[Crawl]:
    """Run the jobs `workers` at a time, each worker a thread with its own Chromium (Playwright's sync API keeps to
    one thread), so pages load and axe runs side by side."""
    pending, done, errors = deque(jobs), [], []

    def work():
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                while pending:
                    try:
                        job = pending.popleft()
                    except IndexError:
                        break
                    context = browser.new_context(base_url=base_url, storage_state=job.session)
                    page = context.new_page()
                    page.set_default_timeout(30_000)
                    crawl = Crawl(page, job.audience, wanted=job.wanted)
                    crawl.run(job.starts, job.claims)
                    context.close()
                    done.append(crawl)
                browser.close()
        except Exception as error:  # noqa: BLE001 (raised again on the test's thread)
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return done
