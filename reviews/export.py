"""The case list as a spreadsheet for the partnership's own tracking and the annual report: by reference and
pseudonym, with the dates and decisions of each stage. Never identifying details (those stay apart, in
`ChildIdentity`, shown only on the logged identities page)."""

from django.utils import timezone

from partnership.spreadsheets import csv_streaming_response

COLUMNS = [
    "Reference", "Children", "Referred by", "Date referred", "Stage", "Decision on the case for consideration",
    "Notification sent", "Rapid review sent to the Panel", "Panel's response", "Decision after the rapid review",
    "Date of the decision", "Published", "Report kept unpublished", "Closed",
]  # fmt: skip


def _on(value) -> str:
    return value.isoformat() if value else ""


def _row(case) -> list:
    notification = getattr(case, "notification", None)
    review = getattr(case, "rapid_review", None)
    lcspr = getattr(case, "lcspr", None)
    return [
        case.reference,
        case.pseudonyms,
        str(case.referring_organisation),
        _on(case.referred_on),
        case.get_stage_display(),
        case.get_consideration_decision_display(),
        _on(notification and notification.sent_on),
        _on(review and review.sent_on),
        _on(review and review.panel_response_on),
        case.get_decision_display(),
        _on(case.decided_on),
        _on(lcspr and lcspr.published_on),
        "Yes" if lcspr and lcspr.report_kept_unpublished else "",
        _on(case.closed_on),
    ]


def case_list_csv(cases):
    """Streamed as it is read: `cases` is `selectors.case_export` (one query, the pseudonyms gathered in it), read
    through a server-side cursor."""
    filename = f"serious-incidents-{timezone.localdate():%Y-%m-%d}.csv"
    return csv_streaming_response(filename, COLUMNS, (_row(case) for case in cases.iterator(chunk_size=2000)))
