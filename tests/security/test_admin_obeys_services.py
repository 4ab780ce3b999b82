"""The admin obeys the services (issue 13, item 12): every admin page answers without a server error for any
form it shows, posted back as it is; casework added or changed in the admin goes through the staff pages' service
(the same reference, stage history and deadlines) or is refused with a message saying where to do it."""

import io
from datetime import timedelta

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from partnership.admin import OnTheStaffPages, ReadOnlyAdmin, ThroughTheService
from partnership.models import Deadline, StageChange
from partnership.roles import Role
from partnership.selectors import deadlines_for
from reviews import services
from reviews.models import Action, Case, Notification, RapidReview, Stage
from reviews.models.actions import ACTION_DUE
from tests.factories import OrganisationFactory, UserFactory
from tests.html import page
from tests.reviews.factories import LcsprFactory, RapidReviewSignedOffFactory, a_manager

pytestmark = pytest.mark.django_db

CASEWORK_APPS = ["reviews", "cdop", "audits"]
# Configuration the administrator keeps in the admin (no deadlines, no references, no stage history).
CONFIGURATION = {"audits.Tool", "audits.Area", "audits.Criterion"}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def form_data(response) -> dict:
    """What the admin form posts back untouched: every field's shown value (checked boxes, selected options)."""
    form = page(response).find("form", id=lambda value: value and value.endswith("_form"))
    data: dict[str, list[str]] = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.name == "input" and field.get("type") in {"submit", "button", "file", "image"}:
            continue
        if field.name == "input" and field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.name == "select":
            chosen = field.find_all("option", selected=True)
            data.setdefault(name, []).extend(option.get("value", "") for option in chosen)
        elif field.name == "textarea":
            data.setdefault(name, []).append(field.text.lstrip("\n"))
        else:
            data.setdefault(name, []).append(field.get("value", ""))
    return {**data, "_save": ["Save"]}


def messages_of(response) -> list[str]:
    return [item.get_text(" ", strip=True) for item in page(response).select("ul.messagelist li")]


def test_no_admin_page_answers_with_a_server_error(client, administrator, sign_in, settings):
    settings.DEBUG = True  # the demo data loads only for a development site
    call_command("load_demo", stdout=io.StringIO())
    sign_in(administrator)
    failures, posted_forms = [], 0
    for model in admin.site._registry:
        pages = [admin_url(model, "changelist"), admin_url(model, "add")]
        record = None if model._meta.app_label == "pghistory" else model._default_manager.order_by("pk").first()
        if record is not None:
            pages.append(admin_url(model, "change", record.pk))
        for url in pages:
            response = client.get(url, follow=True)
            if response.status_code >= 500:
                failures.append(f"GET {url}: {response.status_code}")
            elif page(response).find("form", id=lambda value: value and value.endswith("_form")) is not None:
                posted = client.post(response.request["PATH_INFO"], form_data(response))
                posted_forms += 1
                if posted.status_code >= 500:
                    failures.append(f"POST {url}: {posted.status_code}")
    assert not failures, failures
    assert posted_forms > 40, "the walk posted too few forms to prove anything"


@pytest.mark.parametrize(
    "model",
    [model for model in admin.site._registry if model._meta.app_label in CASEWORK_APPS],
    ids=lambda model: model._meta.label,
)
def test_casework_in_the_admin_is_read_only_or_goes_through_a_service(model):
    model_admin = admin.site._registry[model]
    if model._meta.label in CONFIGURATION:
        return
    assert isinstance(model_admin, ThroughTheService | OnTheStaffPages | ReadOnlyAdmin), (
        f"{model._meta.label}: the admin saves it by hand; call its service (ThroughTheService) or make it "
        "read-only (OnTheStaffPages)"
    )


def test_adding_a_case_in_the_admin_refers_it_with_its_reference_and_history(client, administrator, sign_in):
    sign_in(administrator)
    referred_on = timezone.localdate() - timedelta(days=3)
    references = []
    for children in ("Child A\nChild B", "Child C"):
        response = client.post(
            admin_url(Case, "add"),
            {
                "referring_organisation": administrator.organisation_id,
                "referred_on": referred_on.isoformat(),
                "summary": "A child was seriously injured.",
                "children": children,
                "_save": "Save",
            },
        )
        assert response.status_code == 302, messages_of(response) or page(response).select(".errorlist")
        case = Case.objects.latest("pk")
        references.append(case.reference)
        assert case.stage == Stage.REFERRED
        assert StageChange.objects.filter(object_id=case.pk, move="refer", to_stage="referred").exists()
    assert Case.objects.get(reference=references[0]).children.count() == 2
    assert references[0] != references[1] and all(ref.startswith(f"SI-{referred_on.year}-") for ref in references)


def test_a_case_added_with_no_child_is_refused_beside_the_field_and_nothing_is_saved(client, administrator, sign_in):
    sign_in(administrator)
    response = client.post(
        admin_url(Case, "add"),
        {
            "referring_organisation": administrator.organisation_id,
            "referred_on": timezone.localdate().isoformat(),
            "summary": "Something happened.",
            "children": "  ",
            "_save": "Save",
        },
    )
    assert response.status_code == 200
    assert not Case.objects.exists()
    assert "This field is required." in page(response).get_text() or "pseudonym" in page(response).get_text()


def test_adding_a_notification_says_where_to_send_one_instead(client, administrator, sign_in):
    sign_in(administrator)
    response = client.post(admin_url(Notification, "add"), {"aware_on": "2026-01-01"}, follow=True)
    assert response.status_code == 200
    assert any("staff pages" in message for message in messages_of(response)), messages_of(response)
    assert not Notification.objects.exists()


def test_changing_an_actions_owner_and_due_date_moves_its_deadline_to_the_new_owner(client, administrator, sign_in):
    manager = a_manager()
    case = LcsprFactory()
    recommendation = services.recommendation_add(case=case, text="Share information sooner.", by=manager)
    old_owner, new_owner = OrganisationFactory(name="Barnet Mencap"), OrganisationFactory(name="Barnet Homes")
    action = services.action_add(
        recommendation=recommendation, organisation=old_owner, description="Train staff",
        due_on=timezone.localdate() + timedelta(days=30), by=manager,
    )  # fmt: skip
    new_user = UserFactory(organisation=new_owner, roles=[Role.AGENCY_USER])
    new_due = timezone.localdate() + timedelta(days=60)
    sign_in(administrator)
    form = form_data(client.get(admin_url(Action, "change", action.pk)))
    form.update(organisation=[str(new_owner.pk)], due_on=[new_due.isoformat()])
    response = client.post(admin_url(Action, "change", action.pk), form)
    assert response.status_code == 302, page(response).select(".errorlist")
    deadline = Deadline.objects.open().get(object_id=action.pk, kind=ACTION_DUE)
    assert (deadline.organisation, deadline.due_on) == (new_owner, new_due)
    assert deadline in deadlines_for(new_user)
    action.refresh_from_db()
    assert (action.organisation, action.due_on) == (new_owner, new_due)


def test_an_action_due_date_in_the_past_is_refused_with_a_message(client, administrator, sign_in):
    manager = a_manager()
    recommendation = services.recommendation_add(case=LcsprFactory(), text="Share information.", by=manager)
    due_on = timezone.localdate() + timedelta(days=30)
    action = services.action_add(
        recommendation=recommendation, organisation=OrganisationFactory(), description="Train staff", due_on=due_on,
        by=manager,
    )  # fmt: skip
    sign_in(administrator)
    form = form_data(client.get(admin_url(Action, "change", action.pk)))
    form.update(due_on=[(timezone.localdate() - timedelta(days=1)).isoformat()])
    response = client.post(admin_url(Action, "change", action.pk), form)
    assert response.status_code == 200
    assert "The due date must be today or in the future" in page(response).get_text()
    assert Deadline.objects.open().get(object_id=action.pk, kind=ACTION_DUE).due_on == due_on


def test_rapid_review_findings_cannot_change_in_the_admin_once_signed_off(client, administrator, sign_in):
    case = RapidReviewSignedOffFactory()
    review = case.rapid_review
    sign_in(administrator)
    response = client.get(admin_url(RapidReview, "change", review.pk))
    assert response.status_code == 200
    assert any("staff page" in message for message in messages_of(response))
    posted = client.post(admin_url(RapidReview, "change", review.pk), {"facts": "Rewritten.", "_save": "Save"})
    assert posted.status_code == 403
    review.refresh_from_db()
    assert review.facts == "Facts."
