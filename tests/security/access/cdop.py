from tests.security.access import (
    AGENCY,
    ANONYMOUS,
    BAD_LINK,
    CDOP_COORDINATOR,
    CDOP_PANEL,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OTHER_AGENCY,
    PEOPLE,
    REDIRECT,
    SIGNED_IN,
    Row,
    public,
    staff_only,
)

COORDINATOR_ONLY = [
    "cdop-case",
    "cdop-case-identity",
    "cdop-case-triage",
    "cdop-case-meetings",
    "cdop-jar",
    "cdop-case-death",
    "cdop-form-b-new",
    "cdop-case-death-details",
    "cdop-form-b-new-agency",
    "cdop-form-b-return",
    "cdop-export-csv",
    "cdop-export-json",
    "cdop-export-xlsx",
    "cdop-export-form-b-csv",
]
POST_ONLY = [
    "cdop-case-refer",
    "cdop-case-send-to-panel",
    "cdop-case-close",
    "cdop-form-b-resend",
    "cdop-form-b-revoke",
    "cdop-agency-active",
    "cdop-contact-active",
    "cdop-meeting-agenda-remove",
    "cdop-meeting-invite",
    "cdop-meeting-cancel",
    "cdop-meeting-pack-issue",
]
# The agency directory: the CDOP coordinator's (a partnership manager keeps member agencies in the admin).
DIRECTORY = ["cdop-agency-list", "cdop-agency-new", "cdop-agency", "cdop-agency-edit", "cdop-contact-new",
             "cdop-contact-edit"]  # fmt: skip
MEETING_COORDINATOR_ONLY = ["cdop-meeting-edit", "cdop-meeting-agenda"]
PANEL = "panel member: only the cases on the agenda of a meeting they are invited to"
HIDDEN = "CDOP data is invisible to everyone else (404), partnership managers included"

ROWS = [
    public("cdop-notify", note="the public child death notification"),
    public("cdop-notify-step"),
    Row("cdop-notify-check", dict.fromkeys(PEOPLE, REDIRECT), note="with no answers yet, back to the first question"),
    Row("cdop-notify-sent", dict.fromkeys(PEOPLE, REDIRECT), note="shows a reference once, after sending"),
    Row("cdop-form-b-link", dict.fromkeys(PEOPLE, BAD_LINK), note="a bad link shows 'This Form B link cannot be used'"),
    Row(
        "cdop-form-b-link-document",
        dict.fromkeys(PEOPLE, BAD_LINK),
        note="a document by link: only with the link that opens its Form B",
    ),
    public("cdop-form-b-done"),
    *[staff_only(name, allowed=[CDOP_COORDINATOR], denied=NOT_FOUND, note=HIDDEN) for name in COORDINATOR_ONLY],
    staff_only("cdop-case-merge", allowed=[CDOP_COORDINATOR], denied=NOT_FOUND, note="a possible duplicate, to merge"),
    *[Row(name, {ANONYMOUS: LOGIN, **dict.fromkeys(SIGNED_IN, NOT_ALLOWED)}, note="POST only") for name in POST_ONLY],
    *[
        staff_only(name, allowed=[CDOP_COORDINATOR], denied=NOT_FOUND, note="the agency directory")
        for name in DIRECTORY
    ],
    staff_only("cdop-case-list", allowed=[CDOP_COORDINATOR, CDOP_PANEL], denied=NOT_FOUND, note=HIDDEN),
    staff_only("cdop-panel", allowed=[CDOP_COORDINATOR, CDOP_PANEL], denied=NOT_FOUND, note=f"anonymised; {PANEL}"),
    staff_only("cdop-analysis", allowed=[CDOP_COORDINATOR, CDOP_PANEL], denied=NOT_FOUND, note=PANEL),
    staff_only("cdop-meetings", allowed=[CDOP_COORDINATOR, CDOP_PANEL], denied=NOT_FOUND, note="panel: their own"),
    staff_only("cdop-meeting-new", allowed=[CDOP_COORDINATOR], denied=NOT_FOUND, note=HIDDEN),
    *[staff_only(name, allowed=[CDOP_COORDINATOR], denied=NOT_FOUND) for name in MEETING_COORDINATOR_ONLY],
    staff_only("cdop-meeting", allowed=[CDOP_COORDINATOR, CDOP_PANEL], denied=NOT_FOUND, note="panel: if invited"),
    staff_only(
        "cdop-meeting-pack",
        allowed=[CDOP_COORDINATOR, CDOP_PANEL],
        denied=NOT_FOUND,
        note="the coordinator's preview; an invited member's once issued; logged",
    ),
    staff_only("cdop-figures", allowed=[CDOP_COORDINATOR, CDOP_PANEL], denied=NOT_FOUND),
    staff_only("cdop-form-b-list", allowed=[CDOP_COORDINATOR, AGENCY, OTHER_AGENCY], denied=NOT_FOUND),
    staff_only("cdop-form-b", allowed=[CDOP_COORDINATOR, AGENCY], denied=NOT_FOUND, note="the agency's own only"),
    staff_only(
        "cdop-form-b-document", allowed=[CDOP_COORDINATOR, AGENCY], denied=NOT_FOUND, note="recorded in the access log"
    ),
    staff_only("cdop-form-b-edit", allowed=[AGENCY], denied=NOT_FOUND, note="the agency's own open request only"),
]


def world(people):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from cdop.models import FormBAttachment
    from partnership.models import Contact
    from tests.cdop.factories import CaseNotifiedFactory, CasePanelFactory, FormBRequestFactory
    from tests.cdop.factories_panel import PanelMeetingFactory
    from tests.factories import OrganisationFactory

    form_b = FormBRequestFactory(sent_by=people[CDOP_COORDINATOR], organisation=people[AGENCY].organisation)
    document = FormBAttachment.objects.create(
        form_b=form_b, kind="other", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="notes.pdf")
    )
    case = {"pk": form_b.case.pk}
    duplicate = CaseNotifiedFactory(possible_duplicate_of=form_b.case)
    surgery = OrganisationFactory(name="Access Walk Surgery", type="gp_practice", area="Barnet", is_member=False)
    person = Contact.objects.create(organisation=surgery, name="Dr Walk", email="walk@surgery.example")
    surgery = {"pk": surgery.pk}
    on_agenda = CasePanelFactory()
    panel_case = {"pk": on_agenda.pk}
    meeting = PanelMeetingFactory(
        created_by=people[CDOP_COORDINATOR],
        members=[people[CDOP_PANEL]],
        cases=[on_agenda],
        pack_issued_at=timezone.now(),
    )
    meeting_kwargs = {"pk": meeting.pk}
    return {
        "cdop-notify-step": {"step": "child"},
        "cdop-form-b-link": {"pk": form_b.pk, "token": "not-a-real-token"},
        "cdop-form-b-link-document": {"pk": form_b.pk, "token": "not-a-real-token", "document": document.pk},
        "cdop-form-b-document": {"pk": form_b.pk, "document": document.pk},
        **dict.fromkeys(COORDINATOR_ONLY[:9], case),
        "cdop-form-b-return": {"pk": form_b.pk},
        **dict.fromkeys(["cdop-agency", "cdop-agency-edit", "cdop-agency-active", "cdop-contact-new"], surgery),
        **dict.fromkeys(["cdop-contact-edit", "cdop-contact-active"], {"pk": person.pk}),
        "cdop-case-merge": {"pk": duplicate.pk},
        **dict.fromkeys(["cdop-case-refer", "cdop-case-send-to-panel", "cdop-case-close"], case),
        **dict.fromkeys(
            ["cdop-form-b-resend", "cdop-form-b-revoke", "cdop-form-b", "cdop-form-b-edit"], {"pk": form_b.pk}
        ),
        "cdop-panel": panel_case,
        "cdop-analysis": panel_case,
        **dict.fromkeys(
            ["cdop-meeting", "cdop-meeting-edit", "cdop-meeting-agenda", "cdop-meeting-pack", *POST_ONLY[7:]],
            meeting_kwargs,
        ),
        "cdop-meeting-agenda-remove": {"pk": meeting.pk, "case_pk": on_agenda.pk},
    }
