"""Hostile input to every form the portal has: never a server error, never anything saved when refused.

The pages come from the expected-access table (every named URL, the records its arguments need, who gets 200)
and from the step registries (`reviews.steps.STEPS`, `cdop.forms.STEPS`); the forms are read from each page as a
browser would, so a new URL, step or form field is covered without anyone adding it. A URL that nobody can
open with a plain GET must be given a scene below or a reason why it has no form of its own.
"""

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.contrib import admin as django_admin
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cdop import services_form_b
from cdop.forms import STEPS as NOTIFY_STEPS
from cdop.models import FormBRequest
from partnership import services as partnership_services
from reviews.models import Stage
from reviews.permissions import SIGN_OFF_RAPID_REVIEW
from reviews.steps import STEPS as CASE_STEPS
from tests.cdop.factories import NOTIFICATION_ANSWERS
from tests.factories import UserFactory
from tests.html import page
from tests.security import access, hostile

ROWS = {row.url_name: row for row in access.rows()}
PREFERRED = [access.MANAGER, access.CDOP_COORDINATOR, access.AGENCY, access.PARTNER_REP, access.REVIEW_GROUP,
             access.CDOP_PANEL, access.OTHER_AGENCY, access.ADMIN]  # fmt: skip
SIGN_OUT = {"logout", "admin:logout"}
REDIRECTS = (301, 302, 303)

# URLs nobody opens with a plain GET that still have no form of their own to attack.
NO_FORM_OF_THEIR_OWN = {
    "contact-sent": "the thank-you page after the contact form",
    "boards-raise-item-sent": "the thank-you page after raising an item",
    "cdop-notify-sent": "shows the reference once, after sending",
    "backup-codes": "shows the codes once, after enrolment",
    "calendar-reset": "a confirmation with one button and no field; its page is Your calendar, attacked as 'calendar'",
    "calendar-feed": "a calendar file fetched by a secret address; the token is attacked in test_calendar_feed",
    "cdop-form-b-link-document": "a file download by link; the uploads are attacked on the Form B link's page",
}


@dataclass(frozen=True)
class Scene:
    """A page to open, and as whom: `person` from the access table, or `client` for a special session."""

    id: str
    url: Callable
    person: str = access.ANONYMOUS
    client: Callable | None = None
    admin: bool = False

    def __str__(self):
        return self.id


def _plain(url_name: str, person: str) -> Scene:
    return Scene(url_name, lambda w: reverse(url_name, kwargs=w.kwargs.get(url_name)), person)


def _who_opens(row) -> str | None:
    if row.expect[access.ANONYMOUS] == access.OK:
        return access.ANONYMOUS
    return next((person for person in PREFERRED if row.expect[person] == access.OK), None)


def _case_step(slug, step) -> Scene:
    person = access.PARTNER_REP if step.permission == SIGN_OFF_RAPID_REVIEW else access.MANAGER
    return Scene(
        f"reviews:case-step[{slug}]", lambda w: reverse("reviews:case-step", args=[w.case_in(step), slug]), person
    )


def _password_only(make_user):
    """Signed in with the password but not yet the second factor."""

    def client(world):
        c = Client()
        c.force_login(make_user(world))
        return c

    return client


def _notification_answered(world):
    c = Client()
    session = c.session
    session["cdop_notification"] = {
        step: {name: [value] for name, value in answers.items()} for step, answers in NOTIFICATION_ANSWERS.items()
    }
    session.save()
    return c


def _reset_link(world):
    user = world.people[access.MANAGER]
    return reverse("password_reset_confirm", args=[urlsafe_base64_encode(force_bytes(user.pk)),
                                                   default_token_generator.make_token(user)])  # fmt: skip


# Pages that only show their form in a state a plain GET does not reach: a valid link, a half-finished sign-in,
# answers already given.
SPECIAL = {
    "password_reset_confirm": [Scene("password_reset_confirm", _reset_link)],
    "accept-invitation": [
        Scene("accept-invitation", lambda w: reverse("accept-invitation", args=[w.invitation_token]))
    ],
    "cdop-form-b-link": [Scene("cdop-form-b-link", lambda w: w.form_b_link)],
    "two-factor": [
        Scene("two-factor", lambda w: reverse("two-factor"), client=_password_only(lambda w: w.people[access.MANAGER]))
    ],
    "two-factor-setup": [
        Scene(
            "two-factor-setup",
            lambda w: reverse("two-factor-setup"),
            client=_password_only(
                lambda w: UserFactory(organisation=w.people[access.MANAGER].organisation, totp=False)
            ),
        )
    ],
    "cdop-notify-check": [
        Scene("cdop-notify-check", lambda w: reverse("cdop-notify-check"), client=_notification_answered)
    ],
    "reviews:case-step": [_case_step(slug, step) for slug, step in CASE_STEPS.items()],
    "cdop-notify-step": [
        Scene(f"cdop-notify-step[{step}]", lambda w, s=step: reverse("cdop-notify-step", args=[s]))
        for step in NOTIFY_STEPS
    ],
}


PROJECT_APPS = {"partnership", "content", "boards", "reviews", "cdop", "audits"}
ADMINISTRATOR = SimpleNamespace(user=SimpleNamespace(is_active=True, is_staff=True, is_superuser=True,
                                                     has_perm=lambda *a, **k: True), GET={}, POST={})  # fmt: skip


def _admin_record(model):
    """A record of `model` that the admin lets the administrator change (else any record)."""
    model_admin = django_admin.site._registry[model]
    records = list(model._default_manager.order_by("pk")[:20])
    assert records, f"Give the world a {model._meta.label} so its admin change page is attacked too"
    return next((r for r in records if model_admin.has_change_permission(ADMINISTRATOR, r)), records[0]).pk


def admin_scenes() -> list[Scene]:
    """The admin's forms for the project's models: the actions on each list, the add page, a change page."""
    found = []
    for model, model_admin in django_admin.site._registry.items():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        if model_admin.actions:
            found.append(_plain_admin(f"{name}_changelist", lambda w, n=name: reverse(f"{n}_changelist")))
        if model_admin.has_add_permission(ADMINISTRATOR):
            found.append(_plain_admin(f"{name}_add", lambda w, n=name: reverse(f"{n}_add")))
        if model_admin.has_change_permission(ADMINISTRATOR):
            url = lambda w, n=name, m=model: reverse(f"{n}_change", args=[_admin_record(m)])  # noqa: E731
            found.append(_plain_admin(f"{name}_change", url))
    return sorted(found, key=str)


def _plain_admin(scene_id, url) -> Scene:
    return Scene(scene_id, url, access.ADMIN, admin=True)


def _post_only(row) -> bool:
    return access.NOT_ALLOWED in row.expect.values()


def scenes() -> list[Scene]:
    found = []
    for name, row in sorted(ROWS.items()):
        if name in SPECIAL:
            found.extend(SPECIAL[name])
        elif (person := _who_opens(row)) is not None:
            found.append(_plain(name, person))
    return found


def test_every_url_is_opened_or_has_its_forms_elsewhere():
    """A URL nobody can GET is either a POST-only step (its form is on another page), has a scene, or is listed
    with the reason it has no form."""
    unreached = {
        name for name, row in ROWS.items()
        if _who_opens(row) is None and name not in SPECIAL and name not in NO_FORM_OF_THEIR_OWN and not _post_only(row)
    }  # fmt: skip
    assert not unreached, f"Add a scene to SPECIAL (or a reason to NO_FORM_OF_THEIR_OWN) for: {sorted(unreached)}"


@dataclass
class World:
    people: dict
    kwargs: dict
    cases: dict  # serious incident cases by stage
    invitation_token: str
    form_b_link: str

    def case_in(self, step) -> int:
        return next(self.cases[stage].pk for stage in Stage if stage in step.stages and stage in self.cases)


def _review_cases(people) -> dict:
    from reviews import services
    from tests.reviews.factories import LcsprReadyFactory, NotificationDueFactory, RapidReviewFactory, WithPanelFactory

    manager = people[access.MANAGER]
    cases = {stage: factory(by=manager) for stage, factory in [
        (Stage.NOTIFICATION, NotificationDueFactory), (Stage.RAPID_REVIEW, RapidReviewFactory),
        (Stage.WITH_PANEL, WithPanelFactory), (Stage.LCSPR, LcsprReadyFactory),
    ]}  # fmt: skip
    review = cases[Stage.RAPID_REVIEW]
    services.agency_summary_request(
        case=review, organisation=people[access.AGENCY].organisation, requested_on=timezone.localdate(),
        due_on=timezone.localdate(), by=manager,
    )  # fmt: skip
    services.recommendation_add(case=cases[Stage.LCSPR], text="Learn.", by=manager)
    return cases


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at its end; each test runs in a
    savepoint of it, so nothing one test saves is seen by the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        people = access.make_people()
        kwargs = access.world_kwargs(people)
        cases = {Stage.REFERRED: _referred(kwargs), **_review_cases(people)}
        _more_for_the_admin(people, kwargs, cases[Stage.REFERRED])
        manager = people[access.MANAGER]
        invitation = partnership_services.invitation_create(
            email="new.person@agency.example", first_name="New", last_name="Person",
            organisation=manager.organisation, roles=[], by=manager,
        )  # fmt: skip
        form_b = FormBRequest.objects.get(pk=kwargs["cdop-form-b"]["pk"])
        link = reverse("cdop-form-b-link", args=[form_b.pk, services_form_b.form_b_token(form_b)])
        yield World(people, kwargs, cases, partnership_services.invitation_token(invitation), link)
        transaction.set_rollback(True)


def _more_for_the_admin(people, kwargs, referred) -> None:
    """Records the access worlds do not need, so every admin change page has one to open."""
    from audits import services as audits_services
    from audits.models import AuditReturn
    from reviews import services as reviews_services
    from tests.boards.factories import AgendaItemFactory
    from tests.factories import ThemeFactory

    ThemeFactory()
    AgendaItemFactory(meeting_id=kwargs["boards-meeting-manage"]["pk"])
    reviews_services.child_identity_record(
        child=referred.children.first(), full_name="A Name", by=people[access.MANAGER]
    )
    own = AuditReturn.objects.get(pk=kwargs["audits:return-detail"]["pk"])
    action = {"pk": None, "action": "Train staff.", "owner": "Lead", "due_on": timezone.localdate(), "themes": []}
    audits_services.area_save(
        audit_return=own, area=own.tool_version.areas.first(), by=people[access.AGENCY], criteria={}, actions=[action]
    )


def _referred(kwargs):
    from reviews.models import Case

    return Case.objects.get(pk=kwargs["reviews:case-detail"]["pk"])


def _client(scene: Scene, world: World, sign_in) -> Client:
    if scene.client:
        return scene.client(world)
    client = Client()
    user = world.people[scene.person]
    return sign_in(user, client) if user else client


def _refusal_shown(response, final) -> bool:
    """A 4xx; or the page again with a GOV.UK error summary that lists something (the admin's error note in
    the admin); or a refused step's "There is a problem" banner (the admin's error or warning message) on the
    page it returns to."""
    if 400 <= response.status_code < 500:  # 400, 413; 403 for a record the admin shows read-only
        return True
    if response.status_code == 200:
        return bool(hostile.error_summary_items(response.content)) or b'class="errornote"' in response.content
    if response.status_code in REDIRECTS and final.status_code == 200:
        shown = page(final)
        banners = shown.select(".govuk-notification-banner")
        return any("There is a problem" in b.get_text() for b in banners) or bool(
            shown.select(".messagelist .error, .messagelist .warning")
        )
    return False


def _attempt(client, form: hostile.WebForm, variant: hostile.Variant, *, admin=False) -> tuple[list[str], bool]:
    """Post one variant; the problems it shows, and whether it was accepted (the page moved on). The page a
    redirect leads to is read too, except after the admin accepted a post (its list of every record)."""
    where = f"{form.action} with {variant.label}"
    cache.clear()  # the rate limits would answer instead of the form
    before = hostile.writes()
    try:
        with transaction.atomic():
            response = client.post(form.action, hostile.encode(variant))
            after = hostile.writes()
    except Exception as error:  # the test client re-raises what would have been a 500
        return [f"{where}: server error {type(error).__name__}: {str(error)[:200]}"], False
    problems = []
    final = response
    if response.status_code in REDIRECTS and (variant.must_refuse or not admin):
        try:
            final = client.get(response["Location"], follow=True)
        except Exception as error:
            return [f"{where}: the page after it failed with {type(error).__name__}: {str(error)[:200]}"], True
    for shown in [response] if final is response else [response, final]:
        if shown.status_code >= 500:
            problems.append(f"{where}: status {shown.status_code}")
        body = shown.content.decode(errors="replace") if not shown.streaming else ""
        if any(raw in body for raw in hostile.UNESCAPED):
            problems.append(f"{where}: HTML from the post came back unescaped")
    for message in hostile.error_summary_items(response.content):
        if any(words in message for words in hostile.NOT_PLAIN_ENGLISH):
            problems.append(f"{where}: the error summary says “{message[:120]}”")
    if variant.must_refuse:
        if saved := hostile.changed(before, after):
            problems.append(f"{where}: must be refused but rows were written {saved}")
        if not _refusal_shown(response, final):
            problems.append(f"{where}: must be refused with an error summary, got {response.status_code}")
    return problems, response.status_code in REDIRECTS


def _forms(client, url, again=False) -> list[hostile.WebForm]:
    """The page's POST forms, sign-out left aside. Read `again` after a post was accepted, the page may have
    gone (a link used up, a step done)."""
    response = client.get(url, follow=True)
    if again and response.status_code != 200:
        return []
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    if response.streaming or not response["Content-Type"].startswith("text/html"):
        return []
    return [form for form in hostile.post_forms(response) if resolve(form.action).view_name not in SIGN_OUT]


@pytest.mark.parametrize("scene", scenes() + admin_scenes(), ids=str)
def test_hostile_input_is_refused_or_harmless(scene, world, db, sign_in, settings):
    settings.UPLOAD_MAX_BYTES = 64 * 1024  # the limit is a setting: a small one keeps the test quick
    settings.AXES_FAILURE_LIMIT = 1000  # the sign-in lockout would answer instead of the form
    client = _client(scene, world, sign_in)
    url = scene.url(world)
    forms = _forms(client, url)
    problems, index = [], 0
    while index < len(forms):
        form = forms[index]
        for label in [variant.label for variant in hostile.variants(form, admin=scene.admin)]:
            variant = next((v for v in hostile.variants(form, admin=scene.admin) if v.label == label), None)
            if variant is None:
                break
            found, accepted = _attempt(client, form, variant, admin=scene.admin)
            problems.extend(found)
            if accepted and form.version:  # the record has a new version: read the page again
                forms = _forms(client, url, again=True)
                if index >= len(forms) or forms[index].action != form.action:
                    break
                form = forms[index]
        index += 1
    assert not problems, f"{scene} ({url}):\n" + "\n".join(problems)
