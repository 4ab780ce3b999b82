"""The fields the national data set needs beyond the notification: the postcode (notification), the mode of death
and deprivation decile (the coordinator's death details), the panel's secondary categories."""

import pytest

from cdop.choices import postcode_normalised
from cdop.models import ChildDeathCase, ChildIdentity
from tests.cdop.factories import CaseClosedFactory, CasePanelFactory, answer_everything
from tests.cdop.factories_panel import PanelMeetingFactory
from tests.html import error_summary, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("notification_day")]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("n11 1np", "N11 1NP"), ("N111NP", "N11 1NP"), (" sw1a  2aa ", "SW1A 2AA"), ("EC1A 1BB", "EC1A 1BB")],
)
def test_the_postcode_is_normalised(typed, stored):
    assert postcode_normalised(typed) == stored


@pytest.mark.parametrize("typed", ["", "N11", "11 1NP", "N11 1N", "NNN 1NP", "N11 1NP X", "N11\x001NP", "1" * 20])
def test_a_postcode_of_the_wrong_shape_is_refused(typed):
    assert postcode_normalised(typed) is None


def test_the_notification_asks_for_the_postcode_and_stores_it_normalised_with_the_identity(client):
    answer_everything(client)
    check = client.get("/cdop/notify/check/")
    assert "N3 1ZZ" in text(check)
    client.post("/cdop/notify/check/")
    identity = ChildIdentity.objects.get()
    assert identity.postcode == "N3 1ZZ"
    assert not hasattr(ChildDeathCase.objects.get(), "postcode"), "the postcode identifies: it stays apart"


def test_the_postcode_may_be_not_known(client):
    answer_everything(client, child={"postcode": "", "postcode_not_known": "on"})
    assert "Not known" in text(client.get("/cdop/notify/check/"))
    client.post("/cdop/notify/check/")
    assert ChildIdentity.objects.get().postcode == ""


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"postcode": ""}, "Enter the postcode, or tick that it is not known"),
        ({"postcode_not_known": "on"}, "Either enter the postcode or say it is not known, not both"),
        ({"postcode": "not a postcode"}, "Enter a real postcode, for example N11 1NP"),
        ({"postcode": "N11\x001NP"}, "contains a character that is not allowed"),
        ({"postcode": "<script>x</script>"}, "write plain text only"),
        ({"postcode": "N" * 3_000_000}, "must be 20 characters or fewer"),
    ],
)
def test_a_bad_postcode_gets_a_clear_message_and_nothing_is_saved(client, changes, message):
    response = answer_everything(client, child=changes)
    assert response.status_code == 200
    assert message in " ".join(error_summary(response))
    assert len(error_summary(response)) == 1
    assert "<script>x" not in response.content.decode()
    assert not ChildIdentity.objects.exists()


def test_the_coordinator_records_the_mode_of_death_and_deprivation_decile(client, sign_in, coordinator, case):
    sign_in(coordinator)
    assert "Not recorded yet" in text(client.get(f"/cdop/cases/{case.pk}/"))
    data = {"mode_of_death": "found_dead", "deprivation_decile": "3", "version": case.version}
    response = client.post(f"/cdop/cases/{case.pk}/death-details/", data, follow=True)
    assert "Death details saved" in text(response)
    assert "Found dead" in text(response)
    case.refresh_from_db()
    assert (case.mode_of_death, case.deprivation_decile) == ("found_dead", 3)
    data = {"mode_of_death": "", "deprivation_decile": "", "version": case.version}
    client.post(f"/cdop/cases/{case.pk}/death-details/", data)
    case.refresh_from_db()
    assert (case.mode_of_death, case.deprivation_decile) == ("", None), "blank: not known"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"deprivation_decile": "11"}, "Choose a decile from 1 to 10, or not known"),
        ({"deprivation_decile": "0"}, "Choose a decile from 1 to 10, or not known"),
        ({"deprivation_decile": "1" * 20}, "Choose a decile from 1 to 10, or not known"),
        ({"deprivation_decile": "\x00"}, "Choose a decile"),
        ({"mode_of_death": "drowned"}, "Choose the mode of death from the list"),
        ({"mode_of_death": "x" * 3_000_000}, "Choose the mode of death from the list"),
        ({"version": ""}, "without the version"),
    ],
)
def test_bad_death_details_are_refused_and_nothing_is_saved(client, sign_in, coordinator, case, changes, message):
    sign_in(coordinator)
    data = {"mode_of_death": "found_dead", "deprivation_decile": "3", "version": case.version, **changes}
    response = client.post(f"/cdop/cases/{case.pk}/death-details/", data)
    assert response.status_code == 200
    assert message in " ".join(error_summary(response))
    case.refresh_from_db()
    assert (case.mode_of_death, case.deprivation_decile) == ("", None)


def test_the_death_details_cannot_change_once_the_case_is_closed(client, sign_in, coordinator):
    case = CaseClosedFactory()
    sign_in(coordinator)
    data = {"mode_of_death": "found_dead", "deprivation_decile": "3", "version": case.version}
    response = client.post(f"/cdop/cases/{case.pk}/death-details/", data)
    assert "You cannot record the death details now" in " ".join(error_summary(response))
    case.refresh_from_db()
    assert case.mode_of_death == ""


def test_the_panel_cannot_open_the_death_details(client, sign_in, panel_member, case):
    sign_in(panel_member)
    assert client.get(f"/cdop/cases/{case.pk}/death-details/").status_code == 404


def _analysis(case, **changes):
    return {
        "category": "10", "secondary_categories": ["5", "9"], "child_factors": "1", "family_factors": "0",
        "parenting_factors": "0", "service_factors": "2", "modifiable": "no", "learning": "Safer sleep",
        "version": case.analysis.version, **changes,
    }  # fmt: skip


def test_the_panel_records_secondary_categories(client, sign_in, panel_member):
    case = CasePanelFactory()
    PanelMeetingFactory(members=[panel_member], cases=[case])
    sign_in(panel_member)
    response = client.post(f"/cdop/panel/{case.pk}/analysis/", _analysis(case), follow=True)
    assert "analysis is saved" in text(response)
    case.analysis.refresh_from_db()
    assert case.analysis.secondary_categories == [5, 9]
    assert "5. Acute medical or surgical condition" in text(response)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"secondary_categories": ["10"]}, "A secondary category cannot be the category of death itself"),
        ({"secondary_categories": ["11"]}, "Choose secondary categories from the list"),
        ({"secondary_categories": ["1" * 20]}, "Choose secondary categories from the list"),
        ({"secondary_categories": ["\x00"]}, "Choose secondary categories from the list"),
    ],
)
def test_bad_secondary_categories_are_refused(client, sign_in, panel_member, changes, message):
    case = CasePanelFactory()
    PanelMeetingFactory(members=[panel_member], cases=[case])
    sign_in(panel_member)
    response = client.post(f"/cdop/panel/{case.pk}/analysis/", _analysis(case, **changes))
    assert message in " ".join(error_summary(response))
    case.analysis.refresh_from_db()
    assert case.analysis.secondary_categories == [] and case.analysis.category is None


def test_the_model_refuses_the_primary_category_as_a_secondary_one():
    from django.core.exceptions import ValidationError

    analysis = CasePanelFactory().analysis
    analysis.category, analysis.secondary_categories = 4, [4]
    with pytest.raises(ValidationError, match="cannot be the category of death itself"):
        analysis.full_clean()
