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
    "cdop-export-csv",
    "cdop-export-json",
]
POST_ONLY = [
    "cdop-case-refer",
    "cdop-case-send-to-panel",
    "cdop-case-close",
    "cdop-form-b-resend",
    "cdop-form-b-revoke",
]
HIDDEN = "CDOP data is invisible to everyone else (404), partnership managers included"

ROWS = [
    public("cdop-notify", note="the public child death notification"),
    public("cdop-notify-step"),
    Row("cdop-notify-check", dict.fromkeys(PEOPLE, REDIRECT), note="with no answers yet, back to the first question"),
    Row("cdop-notify-sent", dict.fromkeys(PEOPLE, REDIRECT), note="shows a reference once, after sending"),
    Row("cdop-form-b-link", dict.fromkeys(PEOPLE, BAD_LINK), note="a bad link shows 'This Form B link cannot be used'"),
    public("cdop-form-b-done"),
    *[staff_only(name, allowed=[CDOP_COORDINATOR], denied=NOT_FOUND, note=HIDDEN) for name in COORDINATOR_ONLY],
    staff_only("cdop-case-merge", allowed=[CDOP_COORDINATOR], denied=NOT_FOUND, note="a possible duplicate, to merge"),
    *[Row(name, {ANONYMOUS: LOGIN, **dict.fromkeys(SIGNED_IN, NOT_ALLOWED)}, note="POST only") for name in POST_ONLY],
    staff_only("cdop-case-list", allowed=[CDOP_COORDINATOR, CDOP_PANEL], denied=NOT_FOUND, note=HIDDEN),
    staff_only("cdop-panel", allowed=[CDOP_COORDINATOR, CDOP_PANEL], denied=NOT_FOUND, note="anonymised"),
    staff_only("cdop-analysis", allowed=[CDOP_COORDINATOR, CDOP_PANEL], denied=NOT_FOUND),
    staff_only("cdop-figures", allowed=[CDOP_COORDINATOR, CDOP_PANEL], denied=NOT_FOUND),
    staff_only("cdop-form-b-list", allowed=[CDOP_COORDINATOR, AGENCY, OTHER_AGENCY], denied=NOT_FOUND),
    staff_only("cdop-form-b", allowed=[CDOP_COORDINATOR, AGENCY], denied=NOT_FOUND, note="the agency's own only"),
    staff_only("cdop-form-b-edit", allowed=[AGENCY], denied=NOT_FOUND, note="the agency's own open request only"),
]


def world(people):
    from tests.cdop.factories import CaseNotifiedFactory, CasePanelFactory, FormBRequestFactory

    form_b = FormBRequestFactory(sent_by=people[CDOP_COORDINATOR], organisation=people[AGENCY].organisation)
    case = {"pk": form_b.case.pk}
    duplicate = CaseNotifiedFactory(possible_duplicate_of=form_b.case)
    panel_case = {"pk": CasePanelFactory().pk}
    return {
        "cdop-notify-step": {"step": "child"},
        "cdop-form-b-link": {"pk": form_b.pk, "token": "not-a-real-token"},
        **dict.fromkeys(COORDINATOR_ONLY[:7], case),
        "cdop-case-merge": {"pk": duplicate.pk},
        **dict.fromkeys(["cdop-case-refer", "cdop-case-send-to-panel", "cdop-case-close"], case),
        **dict.fromkeys(
            ["cdop-form-b-resend", "cdop-form-b-revoke", "cdop-form-b", "cdop-form-b-edit"], {"pk": form_b.pk}
        ),
        "cdop-panel": panel_case,
        "cdop-analysis": panel_case,
    }
