"""The organisation's own self-assessment: its evidence stays unless it removes it, and only its users write it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audits import services
from audits.models import AreaResponse, CriterionResponse
from partnership.errors import Refusal
from tests.audits.factories import fill
from tests.audits.test_views import PDF, area_post, area_url
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db


def _upload(client, audit_return):
    data = area_post(audit_return, **{"c0-evidence_file": SimpleUploadedFile("policy.pdf", PDF)})
    client.post(area_url(audit_return), data)
    audit_return.refresh_from_db()
    return CriterionResponse.objects.get(audit_return=audit_return, criterion__text="Criterion 1.1")


def test_an_area_with_evidence_saves_again_and_keeps_the_file(
    client, sign_in, audit_return, agency_user, private_media
):
    sign_in(agency_user)
    answer = _upload(client, audit_return)
    form = page(client.get(area_url(audit_return)))
    checkbox = form.select_one("#id_c0-remove_file")
    assert checkbox is not None and not checkbox.has_attr("required")
    assert "Leave this unticked to keep the file" in form.get_text()
    data = area_post(audit_return, **{"c0-how_met": "Policy revised in March"})
    response = client.post(area_url(audit_return), data, follow=True)
    assert error_summary(response) == []
    assert "saved" in text(response, ".govuk-notification-banner")
    answer.refresh_from_db()
    assert answer.how_met == "Policy revised in March"
    assert answer.file_name == "policy.pdf"


def test_removing_and_replacing_at_once_is_refused_in_words(client, sign_in, audit_return, agency_user, private_media):
    sign_in(agency_user)
    answer = _upload(client, audit_return)
    new = SimpleUploadedFile("new.pdf", PDF)
    response = client.post(area_url(audit_return), area_post(audit_return, **{"c0-remove_file": "on",
                                                                              "c0-evidence_file": new}))  # fmt: skip
    assert "Either remove policy.pdf or choose a new file to replace it, not both" in error_summary(response)
    answer.refresh_from_db()
    assert answer.file_name == "policy.pdf"


def test_the_manager_cannot_write_the_organisations_self_assessment(client, sign_in, audit_return, agency_user,
                                                                   manager):  # fmt: skip
    fill(audit_return, by=agency_user, rating="green")
    audit_return.refresh_from_db()
    sign_in(manager)
    detail = page(client.get(audit_return.get_absolute_url()))
    assert detail.select_one(f'a[href="{area_url(audit_return)}"]') is None  # read-only for the manager
    assert "Submit the return" not in detail.get_text()
    assert client.get(area_url(audit_return)).status_code == 403
    response = client.post(area_url(audit_return), area_post(audit_return, rating="red", **{
        "c0-how_met": "The manager's words"}))  # fmt: skip
    assert response.status_code == 403
    own = AreaResponse.objects.get(audit_return=audit_return, area__position=1)
    assert own.rating == "green"
    assert not CriterionResponse.objects.filter(how_met="The manager's words").exists()


def test_the_service_refuses_anyone_outside_the_organisation(audit_return, agency_user, manager, other_agency):
    from partnership.roles import Role
    from tests.factories import UserFactory

    area = audit_return.tool_version.areas.first()
    fill(audit_return, by=agency_user, rating="green")  # started: only the rule of the edit itself applies now
    outsider = UserFactory(organisation=other_agency, roles=[Role.AGENCY_USER])
    for person in (manager, outsider):
        with pytest.raises(Refusal, match="You cannot change the return: only a user of the return's own organis"):
            services.area_save(audit_return=audit_return, area=area, by=person, rating="red", criteria={},
                               actions=[])  # fmt: skip
    assert set(AreaResponse.objects.filter(audit_return=audit_return).values_list("rating", flat=True)) == {"green"}


def test_the_manager_still_gives_the_partnerships_own_rating(client, sign_in, audit_return, agency_user, manager):
    fill(audit_return, by=agency_user, rating="green")
    services.return_submit(audit_return=audit_return, by=agency_user)
    audit_return.refresh_from_db()
    response = audit_return.area_responses.first()
    sign_in(manager)
    data = {
        "version": audit_return.version,
        f"r{response.pk}-moderated_rating": "amber",
        f"r{response.pk}-feedback": "Show impact",
        "strengths": "",
        "areas_to_develop": "",
        "good_practice": "",
    }
    client.post(reverse("audits:return-review", args=[audit_return.pk]), data)  # fmt: skip
    response.refresh_from_db()
    assert (response.rating, response.moderated_rating) == ("green", "amber")
