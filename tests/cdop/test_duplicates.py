"""Issue 14: a notification matching an open case is flagged, and the coordinator can merge it into that case."""

from datetime import date

import pytest
from django.core.cache import cache

from cdop import services
from cdop.models import ChildDeathCase
from cdop.services_duplicates import case_merge_duplicate
from partnership.errors import Refusal
from partnership.models import Deadline, StageChange
from tests.cdop.factories import NOTIFICATION_ANSWERS, CaseGatheringFactory, CaseNotifiedFactory
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db
Stage = ChildDeathCase.Stage


def answers(**changes):
    values = {
        "first_name": "Secretname",
        "last_name": "Hiddensurname",
        "date_of_birth": date(2026, 3, 1),
        "nhs_number": "9434765919",
        "address": "1 Private Road",
        "postcode": "N3 1ZZ",
        "gp": "",
        "parental_responsibility": "Mother",
        "borough": "barnet",
        "local_authority": "",
        "sex": "female",
        "ethnicity": "white",
        "date_of_death": date(2026, 11, 1),
        "time_of_death": None,
        "death_known_at": None,
        "place_of_death": "Home",
        "death_expected": False,
        "post_mortem": "yes",
        "cause_if_known": "",
        "circumstances": "Found unresponsive.",
        "other_children_at_risk": "",
        "other_reviews": "",
        "professionals_in_life": "",
        "professionals_after_death": "",
        "notifier_name": "Paul Police",
        "notifier_role": "Detective",
        "notifier_organisation": "Met Police",
        "notifier_email": "paul@police.example",
        "notifier_phone": "",
    }
    return {**values, **changes}


@pytest.mark.parametrize(
    ("changes", "duplicate"),
    [
        ({}, True),
        ({"first_name": "SECRETNAME", "last_name": "hiddensurname", "nhs_number": ""}, True),
        ({"first_name": "Other", "last_name": "Child", "date_of_birth": date(2025, 1, 1)}, True),  # same NHS number
        ({"nhs_number": ""}, True),
        ({"nhs_number": "", "date_of_death": date(2026, 11, 2)}, False),
        ({"nhs_number": "4010232137", "first_name": "Another"}, False),
    ],
)
def test_a_notification_matching_an_open_case_is_flagged(changes, duplicate):
    first = CaseGatheringFactory()
    case = services.notification_submit(answers=answers(**changes))
    assert case.possible_duplicate_of == (first if duplicate else None)


def test_a_closed_or_merged_case_is_not_matched():
    CaseNotifiedFactory(stage=Stage.CLOSED)
    assert services.notification_submit(answers=answers()).possible_duplicate_of is None


def test_the_warning_names_the_matching_case_on_the_page_and_the_list(client, sign_in, coordinator):
    first = CaseGatheringFactory()
    duplicate = services.notification_submit(answers=answers())
    sign_in(coordinator)
    assert f"may repeat the open case {first.reference}" in text(client.get(f"/cdop/cases/{duplicate.pk}/"))
    tags = [tag.get_text(strip=True) for tag in page(client.get("/cdop/")).select(".govuk-tag")]
    assert f"Possible duplicate of {first.reference}" in tags


def test_the_coordinator_confirms_then_merges(client, sign_in, coordinator):
    first = CaseGatheringFactory()
    duplicate = services.notification_submit(answers=answers())
    sign_in(coordinator)
    confirm = client.get(f"/cdop/cases/{duplicate.pk}/merge/")
    assert confirm.status_code == 200 and f"Merge {duplicate.reference} into {first.reference}" in text(confirm)
    assert ChildDeathCase.objects.get(pk=duplicate.pk).stage == Stage.NOTIFIED, "nothing happens before confirming"
    response = client.post(
        f"/cdop/cases/{duplicate.pk}/merge/",
        {"reason": "Police and hospital both notified.", "version": duplicate.version},
    )
    assert response.url == f"/cdop/cases/{first.pk}/"
    duplicate.refresh_from_db()
    assert (duplicate.stage, duplicate.merged_into, duplicate.merge_reason) == (
        Stage.MERGED,
        first,
        "Police and hospital both notified.",
    )
    assert not Deadline.objects.open().filter(object_id=duplicate.pk, kind="cdop.triage").exists()
    change = StageChange.objects.get(move="merge")
    assert change.by == coordinator and change.note == "Police and hospital both notified."
    surviving = text(client.get(f"/cdop/cases/{first.pk}/"))
    assert "Also notified by" in surviving and "Paul Police" in surviving and duplicate.reference in surviving
    merged = client.get(f"/cdop/cases/{duplicate.pk}/")
    assert page(merged).select_one(f"a[href='/cdop/cases/{first.pk}/']") and "merged into" in text(merged)


def test_a_merged_duplicate_is_left_out_of_the_figures(coordinator):
    from cdop.periods import CALENDAR, Period
    from cdop.selectors import annual_figures

    first = CaseGatheringFactory()
    duplicate = services.notification_submit(answers=answers())
    case_merge_duplicate(duplicate=duplicate, into=first, by=coordinator, version=None)
    assert annual_figures(coordinator, Period(CALENDAR, 2026))["total"] == 1


def test_merging_cancels_the_duplicates_joint_agency_response_clocks(coordinator):
    from cdop.services import _jar_clocks

    first = CaseGatheringFactory()
    duplicate = CaseGatheringFactory(possible_duplicate_of=first)
    _jar_clocks(duplicate, duplicate.jar)
    case_merge_duplicate(duplicate=duplicate, into=first, by=coordinator, version=None)
    assert not Deadline.objects.open().filter(kind__startswith="cdop.jar").exists()


@pytest.mark.parametrize("stage", [Stage.CLOSED, Stage.MERGED])
def test_merging_into_a_case_that_is_not_open_is_refused(client, sign_in, coordinator, stage):
    duplicate = CaseNotifiedFactory(possible_duplicate_of=CaseNotifiedFactory(stage=stage))
    sign_in(coordinator)
    response = client.post(f"/cdop/cases/{duplicate.pk}/merge/", {"reason": "", "version": duplicate.version})
    assert "a notification can only be merged into an open case" in " ".join(error_summary(response))
    assert ChildDeathCase.objects.get(pk=duplicate.pk).stage == Stage.NOTIFIED


@pytest.mark.parametrize("stage", [Stage.REVIEW_MEETING, Stage.PANEL, Stage.CLOSED, Stage.MERGED])
def test_only_a_notified_or_gathering_duplicate_can_be_merged(coordinator, stage):
    duplicate = CaseNotifiedFactory(stage=stage, possible_duplicate_of=CaseGatheringFactory())
    with pytest.raises(Refusal):
        case_merge_duplicate(duplicate=duplicate, into=duplicate.possible_duplicate_of, by=coordinator, version=None)
    assert ChildDeathCase.objects.get(pk=duplicate.pk).stage == stage


def test_a_case_cannot_be_merged_into_itself(coordinator):
    case = CaseNotifiedFactory()
    with pytest.raises(Refusal):
        case_merge_duplicate(duplicate=case, into=case, by=coordinator, version=None)


def test_a_case_that_matches_nothing_has_no_merge(client, sign_in, coordinator):
    case = CaseNotifiedFactory()
    sign_in(coordinator)
    assert client.get(f"/cdop/cases/{case.pk}/merge/").url == f"/cdop/cases/{case.pk}/"


def test_the_notifier_gets_a_confirmation_and_the_sent_page_says_so(client, django_capture_on_commit_callbacks):
    cache.clear()
    for step, data in NOTIFICATION_ANSWERS.items():
        client.post(f"/cdop/notify/{step}/", data)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/cdop/notify/check/", follow=True)
    case = ChildDeathCase.objects.get()
    from django.core import mail

    [confirmation] = [email for email in mail.outbox if email.to == ["nina@nhs.example"]]
    assert case.reference in confirmation.subject and case.reference in confirmation.body
    assert "What happens next" in confirmation.body
    for detail in ["Secretname", "Hiddensurname", "Private Road", "9434765919", case.pseudonym, "Home"]:
        assert detail not in confirmation.body
    assert "sent a confirmation email" in text(response) and "nina@nhs.example" in text(response)


def test_no_demo_child_looks_like_a_duplicate_of_another(settings):
    import io

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    assert ChildDeathCase.objects.count() == 10
    assert not ChildDeathCase.objects.filter(possible_duplicate_of__isnull=False).exists()
