"""The pages as each person sees them: every stage renders, steps save through the services, refusals are
shown in the error summary, and nothing is saved."""

import pytest
from django.test import Client
from django.urls import reverse

from content.models import Publication
from partnership.models import AccessEvent
from partnership.roles import Role
from reviews.models import Case, Stage
from reviews.steps import STEPS
from tests.factories import UserFactory
from tests.forms import date_data
from tests.html import error_summary, page, text
from tests.reviews import factories as f
from tests.reviews.test_transitions import AT_STAGE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("stage", list(AT_STAGE))
def test_the_case_page_at_every_stage_offers_only_the_steps_of_that_stage(stage, reps, sign_in):
    manager = f.a_manager()
    case = AT_STAGE[stage]()
    response = sign_in(manager).get(case.get_absolute_url())
    assert response.status_code == 200
    links = {a["href"] for a in page(response).select("main a")}
    for slug, step in STEPS.items():
        url = reverse("reviews:case-step", args=[case.pk, slug])
        offered = stage in step.stages and manager.has_perm(step.permission) and step.applies(case, manager)
        assert (url in links) == (offered and slug != "identity"), slug
        if offered:
            assert sign_in(manager).get(url).status_code == 200, slug


def test_viewing_a_case_and_the_identities_is_logged(manager, sign_in, reps):
    case = f.CaseFactory()
    client = sign_in(manager)
    client.get(case.get_absolute_url())
    client.get(reverse("reviews:case-identities", args=[case.pk]))
    assert list(AccessEvent.objects.filter(object_id=case.pk).values_list("action", flat=True).order_by("at")) == [
        "viewed serious incident case",
        "viewed children's identifying details",
    ]


def test_identities_are_held_apart_and_never_on_the_case_page(manager, sign_in, reps):
    case = f.CaseFactory()
    client = sign_in(manager)
    url = reverse("reviews:case-step", args=[case.pk, "identity"])
    data = {
        "child": case.children.get().pk,
        "full_name": "Alex Realname",
        "nhs_number": "943 476 5919",
        "version": case.version,
    }
    assert client.post(url, data).status_code == 302
    assert "Alex Realname" in text(client.get(reverse("reviews:case-identities", args=[case.pk])))
    assert "Alex Realname" not in client.get(case.get_absolute_url()).content.decode()
    reviewer = UserFactory(roles=[Role.REVIEW_GROUP_MEMBER])
    assert sign_in(reviewer).get(reverse("reviews:case-identities", args=[case.pk])).status_code == 404


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"referred_on_2": "1" * 20}, "Date referred must include a year with 4 numbers"),
        ({"referred_on_2": "25"}, "Date referred must include a year with 4 numbers"),
        ({"referred_on_0": "31", "referred_on_1": "2"}, "Date referred must be a real date"),
        ({"referred_on_2": "2999"}, "Date referred must be today or in the past"),
        ({"summary": "x" * 3 * 1024 * 1024}, "Summary must be 10,000 characters or fewer"),
        ({"children": "Child A\n" * 2000}, "The children's pseudonyms must be 500 characters or fewer"),
    ],
    ids=["20-digit-year", "2-digit-year", "31-february", "future", "3MB-summary", "long-children"],
)
def test_a_hostile_referral_is_refused_with_the_gov_uk_message_and_nothing_saved(
    manager, sign_in, local_authority, changes, message
):
    data = {
        "referring_organisation": local_authority.pk,
        **date_data("referred_on", f.today()),
        "children": "Child A",
        "summary": "What happened.",
        **changes,
    }
    response = sign_in(manager).post(reverse("reviews:case-refer"), data)
    assert response.status_code == 200
    assert error_summary(response) == [message]
    assert not Case.objects.exists()


def test_the_summary_states_its_length_limit(manager, sign_in):
    form = page(sign_in(manager).get(reverse("reviews:case-refer")))
    assert "You can enter up to 10,000 characters" in form.select_one("#id_summary_hint").get_text()
    assert "You can enter up to 500 characters" in form.select_one("#id_children_hint").get_text()


def test_a_fifth_child_is_refused_on_the_referral_form(manager, sign_in, local_authority):
    data = {
        "referring_organisation": local_authority.pk,
        **date_data("referred_on", f.today()),
        "children": "Child A\nChild B\nChild C\nChild D\nChild E",
        "summary": "<script>alert(1)</script>",
    }
    response = sign_in(manager).post(reverse("reviews:case-refer"), data)
    assert error_summary(response) == ["A case covers one incident and at most 4 children: refer the others separately"]
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not Case.objects.exists()


def test_a_stale_form_is_refused_after_someone_else_saved(manager, sign_in, reps):
    case = f.RapidReviewFactory()
    url = reverse("reviews:case-step", args=[case.pk, "rapid-review"])
    opened = case.version
    data = {"version": opened, **date_data("meeting_on", case.referred_on + f.timedelta(days=5)), "facts": "First."}
    assert sign_in(manager).post(url, data).status_code == 302
    data["facts"] = "Second, from a form opened before the first save."
    response = sign_in(manager).post(url, data)
    assert error_summary(response)[0].startswith("Someone else saved this record after you opened it")
    case.rapid_review.refresh_from_db()
    assert case.rapid_review.facts == "First."


def test_a_meeting_date_before_the_notification_is_refused(manager, sign_in, reps):
    case = f.RapidReviewFactory()
    data = {"version": case.version, **date_data("meeting_on", case.referred_on.replace(day=1) - f.timedelta(days=1))}
    response = sign_in(manager).post(reverse("reviews:case-step", args=[case.pk, "rapid-review"]), data)
    assert "must be on or after the rapid review opened" in error_summary(response)[0]
    assert Case.objects.get(pk=case.pk).version == case.version


def test_a_sent_date_in_the_future_is_refused(manager, sign_in, reps):
    case = f.NotificationDueFactory()
    data = {"version": case.version, **date_data("sent_on", f.today() + f.timedelta(days=1)), "care_status": "none"}
    response = sign_in(manager).post(reverse("reviews:case-step", args=[case.pk, "notify"]), data)
    assert error_summary(response) == ["Date the notification was sent must be today or in the past"]
    assert Case.objects.get(pk=case.pk).stage == Stage.NOTIFICATION


def test_each_partner_signs_off_for_its_own_organisation_only(sign_in, reps):
    case = f.RapidReviewRecordedFactory()
    url = reverse("reviews:case-step", args=[case.pk, "sign-off"])
    for rep in reps:
        response = sign_in(rep).post(url, {"version": Case.objects.get(pk=case.pk).version, "agrees": "yes"})
        assert response.status_code == 302
    signed = set(case.rapid_review.sign_offs.values_list("partner__name", flat=True))
    assert signed == {rep.organisation.name for rep in reps}
    response = sign_in(reps[0]).post(url, {"version": Case.objects.get(pk=case.pk).version, "agrees": "yes"})
    assert error_summary(response) == ["London Borough of Barnet has already signed off this rapid review"]


def test_the_manager_cannot_sign_off(manager, sign_in, reps):
    case = f.RapidReviewRecordedFactory()
    assert sign_in(manager).get(reverse("reviews:case-step", args=[case.pk, "sign-off"])).status_code == 403


def test_publishing_creates_the_report_and_briefing_by_pseudonym_each_with_its_document(manager, sign_in, reps):
    case = f.LcsprReadyFactory(children=["Child Z"])
    data = {"version": case.version, **date_data("published_on", f.today()), "summary": "What partners learned."}
    data |= {"publishing": "report_and_briefing", **f.documents()}
    assert sign_in(manager).post(reverse("reviews:case-step", args=[case.pk, "publish"]), data).status_code == 302
    kinds = dict(Publication.objects.values_list("kind", "title"))
    assert kinds == {
        "case_review_report": "Child Z: local child safeguarding practice review",
        "seven_minute_briefing": "7-minute briefing: Child Z: local child safeguarding practice review",
    }
    assert Case.objects.get(pk=case.pk).stage == Stage.PUBLISHED
    public = Client()
    for publication in Publication.objects.all():
        assert "PDF" in text(public.get(publication.get_absolute_url()))
        download = public.get(reverse("publication-download", args=[publication.slug]))
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_publishing_the_learning_only_keeps_the_report_unpublished(manager, sign_in, reps):
    case = f.LcsprReadyFactory(children=["Child A"])
    data = {"version": case.version, **date_data("published_on", f.today()), "summary": "What partners learned."}
    data |= {"publishing": "learning_only", "briefing": f.pdf()}
    assert sign_in(manager).post(reverse("reviews:case-step", args=[case.pk, "publish"]), data).status_code == 302
    assert list(Publication.objects.values_list("kind", flat=True)) == ["seven_minute_briefing"]
    lcspr = Case.objects.get(pk=case.pk).lcspr
    assert lcspr.report_kept_unpublished and lcspr.report_publication_id is None
    assert "The report is kept unpublished" in text(sign_in(manager).get(case.get_absolute_url()))


NO_REPORT = "Upload the report as a PDF, or choose to publish the learning only"
NO_BRIEFING = "Upload the 7-minute briefing as a PDF"
REPORT_KEPT = "Remove the report: it is kept unpublished, so it is not uploaded to the public site"


@pytest.mark.parametrize(
    ("publishing", "files", "message"),
    [
        ("report_and_briefing", {"briefing": "briefing.pdf"}, NO_REPORT),
        ("report_and_briefing", {"report": "report.pdf"}, NO_BRIEFING),
        ("learning_only", {"report": "report.pdf", "briefing": "briefing.pdf"}, REPORT_KEPT),
    ],
)
def test_publishing_without_its_documents_is_refused_and_publishes_nothing(
    publishing, files, message, manager, sign_in, reps
):
    case = f.LcsprReadyFactory()
    data = {"version": case.version, **date_data("published_on", f.today()), "summary": "Learning."}
    data |= {"publishing": publishing, **{name: f.pdf(filename) for name, filename in files.items()}}
    response = sign_in(manager).post(reverse("reviews:case-step", args=[case.pk, "publish"]), data)
    assert error_summary(response) == [message]
    assert not Publication.objects.exists()
    assert Case.objects.get(pk=case.pk).stage == Stage.LCSPR


def test_publishing_before_seven_working_days_after_the_pre_publication_copy_is_refused(manager, sign_in, reps):
    case = f.LcsprFactory()
    from reviews import services

    services.lcspr_update(case=case, reviewer="R", final_on=f.today(), prepublication_sent_on=f.today(), by=manager)
    case.refresh_from_db()
    data = {"version": case.version, **date_data("published_on", f.today()), "summary": "x"}
    data |= {"publishing": "report_and_briefing", **f.documents()}
    response = sign_in(manager).post(reverse("reviews:case-step", args=[case.pk, "publish"]), data)
    assert error_summary(response) == ["Publish at least 7 working days after the pre-publication copy was sent"]
    assert not Publication.objects.exists()


def test_a_notification_sent_before_the_local_authority_became_aware_is_refused(manager, sign_in, reps):
    case = f.NotificationDueFactory()
    before = case.notification.aware_on - f.timedelta(days=1)
    data = {"version": case.version, **date_data("sent_on", before), "care_status": "none"}
    response = sign_in(manager).post(reverse("reviews:case-step", args=[case.pk, "notify"]), data)
    aware = f"{case.notification.aware_on:%-d %B %Y}"
    assert error_summary(response) == [
        f"The date sent must be on or after the date the local authority became aware ({aware})"
    ]
    assert Case.objects.get(pk=case.pk).notification.sent_on is None


def test_a_step_from_the_wrong_stage_says_so_and_saves_nothing(manager, sign_in, reps):
    case = f.CaseFactory()
    response = sign_in(manager).post(reverse("reviews:case-step", args=[case.pk, "publish"]), {}, follow=True)
    assert "You cannot publish the LCSPR now: the case is at the stage “Case for consideration”." in text(response)
    assert Case.objects.get(pk=case.pk).version == case.version


def test_the_rapid_review_records_the_learning_themes_it_raises(manager, sign_in, reps):
    from tests.factories import ThemeFactory

    neglect, retired = ThemeFactory(name="Neglect"), ThemeFactory(name="Old theme", is_active=False)
    case = f.RapidReviewFactory()
    url = reverse("reviews:case-step", args=[case.pk, "rapid-review"])
    form = page(sign_in(manager).get(url))
    offered = [box.find_next("label").get_text(strip=True) for box in form.select("input[name=themes]")]
    assert "Neglect" in offered and "Old theme" not in offered
    data = {"version": case.version, **date_data("meeting_on", case.referred_on + f.timedelta(days=5))}
    assert sign_in(manager).post(url, {**data, "themes": [neglect.pk]}).status_code == 302
    assert list(Case.objects.get(pk=case.pk).themes.all()) == [neglect]
    again = page(sign_in(manager).get(url))
    assert again.select_one(f"input[name=themes][value='{neglect.pk}']").has_attr("checked")
    assert retired.pk not in Case.objects.get(pk=case.pk).themes.values_list("pk", flat=True)
