"""Demo serious incidents: one case at every stage, and Barnet's published reviews as historic records.
Safe to load again: demo cases are recognised by their summary, historic reviews by their reference."""

from datetime import date, timedelta

from django.utils import timezone

from partnership.models import Organisation, User
from reviews import services
from reviews.models import Case

DEMO = "Demo case: "
LA = "London Borough of Barnet"

BRENT = "Brent Safeguarding Children Partnership"
CHILD_A_2023_NOT_PUBLISHED = (
    "The full review was submitted to the National Child Safeguarding Practice Review Panel and other relevant "
    "bodies. To protect the identity of those involved, the partnership shared a brief learning review (the "
    "7-minute briefing) across multi-agency partners instead."
)
# Barnet's reviews as the partnership's website lists them (seed 000): the report's title, and only the documents
# it names. (pseudonym, date, report title, summary, published jointly with, 7-minute briefing?, not published)
# Other documents it names (action plans, the Child G briefing note, protocol and leaflet) are content demo
# publications.
HISTORIC = [
    (
        "Child A",
        date(2023, 5, 1),
        "Child A CSPR",
        "A local review following the death of a mother and her child who lived in Barnet. A brief learning review "
        "was shared across partners to protect the identity of those involved.",
        "",
        True,
        CHILD_A_2023_NOT_PUBLISHED,
    ),
    (
        "Child L",
        date(2023, 2, 1),
        "Child L local CSPR",
        "An independent review into harm experienced by a child known to both Barnet and Brent multi-agency "
        "safeguarding services. The child is now safe and well.",
        BRENT,
        True,
        "",
    ),
    (
        "Child G",
        date(2019, 7, 1),
        "Child G final report and action plan",
        "A learning review with its final report and action plan, which led to the protocol and pathway for "
        "bruising and injury in non-mobile children.",
        "",
        False,
        "",
    ),
    ("Child E", date(2018, 1, 1), "Child E report", "The report of a serious case review.", "", False, ""),
    (
        "Child A",
        date(2016, 5, 1),
        "Child A report (serious case review, 2016)",
        "The report of a serious case review.",
        "",
        False,
        "",
    ),
    (
        "Child D",
        date(2009, 4, 1),
        "Child D executive summary",
        "A serious case review: its executive summary.",
        "",
        False,
        "",
    ),
    ("Child S", date(2008, 6, 1), "Child S report", "The report of a serious case review.", "", False, ""),
]


def _reps() -> list[User]:
    return list(
        User.objects.filter(groups__name="Statutory partner representative", organisation__is_statutory_partner=True)
    )


def _walk(manager, pseudonym: str, stage: str, days_ago: int) -> Case:
    """Refer a case and take it through the services to `stage`."""
    start = timezone.localdate() - timedelta(days=days_ago)
    la = Organisation.objects.get(name=LA)
    case = services.case_for_consideration_refer(
        referring_organisation=la, referred_on=start, children=[pseudonym], summary=DEMO + stage, by=manager
    )
    if stage == "referred":
        return case
    case = services.case_for_consideration_decide(
        case=case, meeting_on=start + timedelta(days=1), decision="notify", rationale="The criteria are met.",
        abuse_or_neglect=True, death_or_serious_harm=True, in_area=True, aware_on=start, by=manager,
    )  # fmt: skip
    if stage == "notification":
        return case
    case = services.notification_send(
        case=case, sent_on=start + timedelta(days=3), panel_reference=f"CSPRP-{case.pk}", care_status="none", by=manager
    )
    request = services.agency_summary_request(
        case=case, organisation=Organisation.objects.get(name="Young Barnet Foundation"),
        requested_on=start + timedelta(days=3), due_on=start + timedelta(days=10), by=manager,
    )  # fmt: skip
    if stage != "rapid_review":
        # The summary came in before the meeting: no case past the rapid review keeps an open summary clock.
        services.agency_summary_receive(request=request, received_on=start + timedelta(days=9), by=manager)
    meeting_on = start + timedelta(days=8 if stage == "rapid_review" else 12)
    case = services.rapid_review_record(
        case=case,
        meeting_on=meeting_on,
        facts="What happened, in order.",
        learning="Share information sooner.",
        by=manager,
    )
    if stage == "rapid_review":
        return case  # its findings wait for the three statutory partners' sign-off
    for rep in _reps():
        services.rapid_review_sign_off(
            case=case, partner=rep.organisation, signed_on=start + timedelta(days=14), by=rep
        )
    case = services.rapid_review_send(case=case, sent_on=start + timedelta(days=17), by=manager)
    if stage == "with_panel":
        return case
    case = services.review_decide(
        case=case,
        decision="lcspr",
        rationale="Agencies did not work well together.",
        decided_on=start + timedelta(days=20),
        by=manager,
    )
    services.lcspr_update(
        case=case, reviewer="Dr Jane Example", panel_notified_on=start + timedelta(days=21), by=manager
    )
    recommendation = services.recommendation_add(case=case, text="Share information at the first referral.", by=manager)
    services.action_add(
        recommendation=recommendation,
        organisation=Organisation.objects.get(name="Young Barnet Foundation"),
        description="Train all staff on the information-sharing protocol.",
        due_on=timezone.localdate() + timedelta(days=30),
        by=manager,
    )
    return case


STAGES = [("Child P", "referred", 3), ("Child Q", "notification", 5), ("Child R", "rapid_review", 10),
          ("Child T", "with_panel", 40), ("Child U", "lcspr", 120)]  # fmt: skip


def load_published(manager) -> None:
    """Barnet's published reviews (HISTORIC) and their public records."""
    la = Organisation.objects.get(name=LA)
    for pseudonym, published_on, title, summary, joint_with, briefing, not_published in HISTORIC:
        services.historic_review_record(
            pseudonym=pseudonym, published_on=published_on, title=title, summary=summary, joint_with=joint_with,
            briefing=briefing, report_not_published=not_published, referring_organisation=la, by=manager,
        )  # fmt: skip


def load(stdout) -> None:
    manager = User.objects.filter(email="manager@bscp.example").first()
    load_published(manager)
    if not Case.objects.filter(summary__startswith=DEMO).exists() and len(_reps()) >= 3:
        for pseudonym, stage, days_ago in STAGES:
            _walk(manager, pseudonym, stage, days_ago)
        closed = _walk(manager, "Child V", "referred", 8)
        services.case_for_consideration_decide(
            case=closed, meeting_on=closed.referred_on + timedelta(days=2), decision="do_not_notify",
            rationale="Abuse or neglect is not suspected.", by=manager,
        )  # fmt: skip
    stdout.write(f"  {Case.objects.count()} serious incident cases ({len(HISTORIC)} published before the portal)")
