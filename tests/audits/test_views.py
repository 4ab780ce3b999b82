import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audits import services
from audits.models import AreaResponse, AuditReturn, CriterionResponse
from tests.audits.factories import fill
from tests.forms import date_data
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n"


def area_url(audit_return, index=0):
    area = list(audit_return.tool_version.areas.all())[index]
    return reverse("audits:area-edit", args=[audit_return.pk, area.pk])


def area_version(audit_return, index=0) -> int:
    """The version an area's form carries: its saved answer's (the lock is per area), 0 while unsaved."""
    area = list(audit_return.tool_version.areas.all())[index]
    saved = AreaResponse.objects.filter(audit_return=audit_return, area=area).first()
    return saved.version if saved else 0


def area_post(audit_return, **extra):
    data = {"version": area_version(audit_return), "rating": "amber", "c0-how_met": "Our policy covers it",
            "c1-how_met": "Board minutes", "a0-action": "Train the board", "a0-owner": "Chair",
            **date_data("a0-due_on", "2026-09-30"), "later": "1"}  # fmt: skip
    data.update(extra)
    return data


def test_an_agency_user_saves_an_area_and_sees_progress(client, sign_in, audit_return, agency_user, private_media):
    sign_in(agency_user)
    evidence = SimpleUploadedFile("policy.pdf", PDF, content_type="application/pdf")
    data = area_post(audit_return, **{"c0-evidence_file": evidence, "c1-evidence_link": "https://example.org/minutes"})
    response = client.post(area_url(audit_return), data, follow=True)
    assert "saved" in text(response, ".govuk-notification-banner")
    assert text(response, "#progress") == "1 of 2 areas complete"
    answer = CriterionResponse.objects.get(audit_return=audit_return, criterion__text="Criterion 1.1")
    download = client.get(reverse("audits:evidence-download", args=[answer.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    # Come back later: the form shows what was saved.
    form = page(client.get(area_url(audit_return)))
    assert form.select_one("#id_c0-how_met").get_text().strip() == "Our policy covers it"
    assert form.select_one("#id_c1-evidence_link")["value"] == "https://example.org/minutes"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("notes.exe", b"MZ\x90\x00binary"), "The selected file must be a PDF"),
        (("script.html", b"<script>alert(1)</script>"), "The selected file must be a PDF"),
        (("fake.pdf", b"<html>not really a pdf</html>"), "not a real PDF: its contents do not match its name"),
        (("empty.pdf", b""), "The selected file is empty"),
    ],
    ids=["exe", "html", "renamed", "empty"],
)
def test_bad_files_are_refused_and_the_typing_is_kept(client, sign_in, audit_return, agency_user, upload, message):
    sign_in(agency_user)
    name, content = upload
    data = area_post(audit_return, **{"c0-evidence_file": SimpleUploadedFile(name, content)})
    response = client.post(area_url(audit_return), data)
    assert response.status_code == 200
    assert any(message in error for error in error_summary(response))
    assert page(response).select_one("#id_c0-how_met").get_text().strip() == "Our policy covers it"
    assert not CriterionResponse.objects.exists()


def test_a_file_over_the_limit_is_refused(client, sign_in, audit_return, agency_user, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    sign_in(agency_user)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 2048)
    response = client.post(area_url(audit_return), area_post(audit_return, **{"c0-evidence_file": big}))
    assert any("must be smaller than 1.0" in error for error in error_summary(response))
    assert not CriterionResponse.objects.exists()


@pytest.mark.parametrize("link", ["javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html,hi",
                                  "ftp://example.org/x", "file:///etc/passwd"])  # fmt: skip
def test_links_other_than_http_are_refused(client, sign_in, audit_return, agency_user, link):
    sign_in(agency_user)
    response = client.post(area_url(audit_return), area_post(audit_return, **{"c0-evidence_link": link}))
    assert "Enter a web address starting with http:// or https://" in error_summary(response)
    assert not CriterionResponse.objects.exists()
    assert page(response).select_one("#id_c0-how_met").get_text().strip() == "Our policy covers it"
    assert b'href="javascript:' not in response.content.lower()


def test_a_stale_form_is_refused_and_keeps_what_was_typed(client, sign_in, audit_return, agency_user):
    sign_in(agency_user)
    opened = client.get(area_url(audit_return))
    version = page(opened).select_one("input[name=version]")["value"]
    colleague = area_post(audit_return, **{"c0-how_met": "The colleague's words"})
    client.post(area_url(audit_return), colleague)
    mine = area_post(audit_return, version=version, **{"c0-how_met": "My careful answer <b>"})
    mine["c0-evidence_file"] = SimpleUploadedFile("policy.pdf", PDF)
    response = client.post(area_url(audit_return), mine)
    assert response.status_code == 200
    assert any("Someone else saved this record" in error for error in error_summary(response))
    assert "Choose your evidence file again: browsers never keep a file you selected." in error_summary(response)
    assert page(response).select_one("#id_c0-how_met").get_text().strip() == "My careful answer <b>"
    assert b"<b>" not in response.content.split(b"My careful answer")[1][:10]
    saved = CriterionResponse.objects.get(audit_return=audit_return, criterion__text="Criterion 1.1")
    assert saved.how_met == "The colleague's words"


def test_an_action_needs_an_owner_and_a_date(client, sign_in, audit_return, agency_user):
    sign_in(agency_user)
    response = client.post(
        area_url(audit_return),
        area_post(audit_return, **{"a0-owner": "", "a0-due_on_0": "", "a0-due_on_1": "", "a0-due_on_2": ""}),
    )
    assert error_summary(response) == ["Enter who owns action 1", "Enter the date action 1 is due by"]


def test_a_hostile_action_date_or_answer_is_refused_and_nothing_saved(client, sign_in, audit_return, agency_user):
    sign_in(agency_user)
    data = area_post(audit_return, **{"a0-due_on_2": "1" * 20, "c0-how_met": "x" * 3_000_000})
    response = client.post(area_url(audit_return), data)
    assert response.status_code == 200
    assert error_summary(response) == [
        "How your organisation meets this must be 10,000 characters or fewer",
        "Date action 1 is due by must include a year with 4 numbers",
    ]
    assert not CriterionResponse.objects.filter(audit_return=audit_return).exists()


def test_a_cycle_with_a_20_digit_year_is_refused(client, sign_in, manager):
    from audits.models import Cycle
    from tests.audits.factories import published_version

    data = {"title": "Checklist", "year": 2026, "version": published_version().pk, "invited_types": ["vcf"],
            **date_data("opens_on", "2026-05-01"), "due_on_0": "1", "due_on_1": "7", "due_on_2": "9" * 20}  # fmt: skip
    response = sign_in(manager).post(reverse("audits:cycle-create"), data)
    assert response.status_code == 200
    assert error_summary(response) == ["Due date must include a year with 4 numbers"]
    assert not Cycle.objects.exists()


def test_submission_lists_what_is_missing(client, sign_in, audit_return, agency_user):
    sign_in(agency_user)
    client.post(area_url(audit_return), area_post(audit_return, **{"a0-action": "", "rating": "amber"}))
    response = client.post(reverse("audits:return-submit", args=[audit_return.pk]))
    assert response.status_code == 200
    assert text(response, "title").startswith("Error:")
    items = [" ".join(li.get_text().split()) for li in page(response).select(".govuk-error-summary__list li")]
    assert items[0] == "Add at least one key action, with an owner and a date, for “Standard 1”"
    assert "Give a rating for “Standard 2”" in items
    audit_return.refresh_from_db()
    assert audit_return.stage == AuditReturn.Stage.IN_PROGRESS


def test_a_submitted_return_is_read_only(client, sign_in, audit_return, agency_user):
    fill(audit_return, by=agency_user)
    services.return_submit(audit_return=audit_return, by=agency_user)
    sign_in(agency_user)
    detail = client.get(audit_return.get_absolute_url())
    assert "Submit the return" not in text(detail)
    response = client.post(area_url(audit_return), area_post(audit_return), follow=True)
    assert "This return cannot be changed now." in text(response)


def test_the_manager_reviews_and_the_agency_sees_feedback(
    client, sign_in, audit_return, agency_user, manager, django_capture_on_commit_callbacks, mailoutbox
):
    fill(audit_return, by=agency_user)
    services.return_submit(audit_return=audit_return, by=agency_user)
    audit_return.refresh_from_db()
    response_pk = audit_return.area_responses.first().pk
    sign_in(manager)
    url = reverse("audits:return-review", args=[audit_return.pk])
    data = {"version": audit_return.version, f"r{response_pk}-moderated_rating": "amber",
            f"r{response_pk}-feedback": "Show impact", "strengths": "Strong lead", "areas_to_develop": "Impact",
            "good_practice": "Bulletins", "decision": "send_back"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        result = client.post(url, data, follow=True)
    assert "Return sent back for changes" in text(result, ".govuk-notification-banner")
    assert agency_user.email in mailoutbox[-1].to
    sign_in(agency_user)
    detail = text(client.get(audit_return.get_absolute_url()))
    assert "Strong lead" in detail and "Show impact" in detail and "Returned for changes" in detail


def test_another_organisations_return_is_not_found(client, sign_in, cycle, other_agency, agency_user):
    other = AuditReturn.objects.get(cycle=cycle, organisation=other_agency)
    sign_in(agency_user)
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.post(reverse("audits:return-submit", args=[other.pk])).status_code == 404


def test_my_work_shows_the_return_to_agency_users_and_managers(client, sign_in, audit_return, agency_user, manager):
    sign_in(agency_user)
    home = text(client.get(reverse("staff-home")))
    assert audit_return.cycle.title in home
    assert "awaiting review" not in home
    fill(audit_return, by=agency_user)
    services.return_submit(audit_return=audit_return, by=agency_user)
    sign_in(manager)
    home = page(client.get(reverse("staff-home")))
    assert "Young Barnet Foundation" in home.get_text()
    review = reverse("audits:return-review", args=[audit_return.pk])
    assert home.select_one(f'a[href="{review}"]') is not None


def test_the_manager_creates_and_opens_a_cycle(client, sign_in, manager, agency, django_capture_on_commit_callbacks):
    from tests.audits.factories import published_version

    version = published_version()
    sign_in(manager)
    data = {"title": "Checklist 2026", "year": 2026, "version": version.pk, **date_data("opens_on", "2026-05-01"),
            **date_data("due_on", "2026-07-01"), "invited_types": ["vcf"]}  # fmt: skip
    response = client.post(reverse("audits:cycle-create"), data, follow=True)
    assert "Cycle “Checklist 2026” created" in text(response)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("audits:cycle-open", args=[response.context["cycle"].pk]), follow=True)
    assert "is open" in text(response)
    assert "Young Barnet Foundation" in text(response, "table")


def test_the_export_is_a_workbook(client, sign_in, audit_return, agency_user, manager):
    from openpyxl import load_workbook

    fill(audit_return, by=agency_user, rating="red")
    sign_in(manager)
    response = client.get(reverse("audits:cycle-export", args=[audit_return.cycle_id]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Summary", "Criteria", "Key actions", "Area feedback"]
    rows = list(book["Summary"].values)
    assert rows[0][:4] == ("Reference", "Organisation", "Stage", "Areas complete")
    assert (audit_return.reference, "Young Barnet Foundation", "In progress") in [row[:3] for row in rows]


def test_pages_render_for_the_manager(client, sign_in, audit_return, agency_user, manager):
    fill(audit_return, by=agency_user)
    sign_in(manager)
    cycle = audit_return.cycle
    for url in [reverse("audits:cycle-list"), cycle.get_absolute_url(), cycle.version.get_absolute_url(),
                reverse("audits:heat-map", args=[cycle.pk]),
                reverse("audits:heat-map", args=[cycle.pk]) + "?rating=moderated",
                reverse("audits:organisation-history", args=[audit_return.organisation_id]),
                reverse("audits:my-returns"), reverse("audits:cycle-create")]:  # fmt: skip
        assert client.get(url).status_code == 200, url


def test_a_cycle_needs_someone_invited(client, sign_in, manager):
    from tests.audits.factories import published_version

    version = published_version()
    sign_in(manager)
    data = {"title": "Empty", "year": 2026, "version": version.pk, **date_data("opens_on", "2026-06-01"),
            **date_data("due_on", "2026-05-01")}  # fmt: skip
    response = client.post(reverse("audits:cycle-create"), data)
    errors = error_summary(response)
    assert "Choose at least one type of organisation, or name organisations" in errors
    data.update(invited_types=["vcf"])
    assert "The due date must be after the opening date" in error_summary(
        client.post(reverse("audits:cycle-create"), data)
    )


def test_an_uploaded_file_can_be_removed(client, sign_in, audit_return, agency_user):
    sign_in(agency_user)
    data = area_post(audit_return, **{"c0-evidence_file": SimpleUploadedFile("policy.pdf", PDF)})
    client.post(area_url(audit_return), data)
    answer = CriterionResponse.objects.get(audit_return=audit_return, criterion__text="Criterion 1.1")
    assert answer.evidence_file
    audit_return.refresh_from_db()
    client.post(area_url(audit_return), area_post(audit_return, **{"c0-remove_file": "on"}))
    answer.refresh_from_db()
    assert not answer.evidence_file


def test_year_on_year_compares_the_organisations_cycles(client, sign_in, cycle, audit_return, agency_user, manager):
    from tests.audits.factories import CycleFactory

    fill(audit_return, by=agency_user, rating="red")
    later = CycleFactory(version=cycle.version, year=2027, title="Audit 2027")
    services.cycle_open(cycle=later, by=manager)
    fill(AuditReturn.objects.get(cycle=later, organisation=audit_return.organisation), by=agency_user)
    sign_in(agency_user)
    response = client.get(reverse("audits:organisation-history", args=[audit_return.organisation_id]))
    rows = [" ".join(tr.get_text(" ").split()) for tr in page(response).select("tbody tr")]
    assert rows == ["Standard 1 Red Green", "Standard 2 Red Green"]


def test_a_key_action_is_tagged_with_a_theme(client, sign_in, audit_return, agency_user):
    from tests.factories import ThemeFactory

    theme = ThemeFactory(name="Neglect")
    sign_in(agency_user)
    client.post(area_url(audit_return), area_post(audit_return, **{"a0-theme": str(theme.pk)}))
    assert list(audit_return.area_responses.get().actions.get().themes.all()) == [theme]
    form = page(client.get(area_url(audit_return)))
    assert form.select_one("#id_a0-theme option[selected]").get_text() == "Neglect"
    assert "Neglect" in text(client.get(audit_return.get_absolute_url()), "table")


def test_a_stale_review_is_refused_and_keeps_the_feedback(client, sign_in, audit_return, agency_user, manager):
    fill(audit_return, by=agency_user)
    services.return_submit(audit_return=audit_return, by=agency_user)
    audit_return.refresh_from_db()
    stale = audit_return.version
    services.review_save(audit_return=audit_return, by=manager, areas={}, strengths="A colleague's view")
    sign_in(manager)
    url = reverse("audits:return-review", args=[audit_return.pk])
    response = client.post(url, {"version": stale, "strengths": "My view", "decision": "accept"})
    assert any("Someone else saved this record" in error for error in error_summary(response))
    assert page(response).select_one("#id_strengths").get_text().strip() == "My view"
    audit_return.refresh_from_db()
    assert (audit_return.stage, audit_return.strengths) == (AuditReturn.Stage.SUBMITTED, "A colleague's view")


def test_the_export_never_starts_a_cell_with_a_formula(client, sign_in, audit_return, agency_user, manager):
    from openpyxl import load_workbook

    area = audit_return.tool_version.areas.first()
    criterion = area.criteria.first()
    formula = {criterion: {"how_met": '=HYPERLINK("http://evil.example")'}}
    services.area_save(
        audit_return=audit_return, area=area, by=agency_user, rating="green", criteria=formula, actions=[]
    )
    area.title = "+cmd|' /C calc'!A0"  # a header cell: area titles head the summary's columns
    area.save()
    sign_in(manager)
    response = client.get(reverse("audits:cycle-export", args=[audit_return.cycle_id]))
    book = load_workbook(io.BytesIO(response.content))
    cells = [row[3] for row in book["Criteria"].values]
    assert '\'=HYPERLINK("http://evil.example")' in cells
    header = next(book["Summary"].values)
    assert "'+cmd|' /C calc'!A0" in header
    assert not any(str(cell).startswith(("=", "+", "-", "@")) for sheet in book for row in sheet.values for cell in row)
