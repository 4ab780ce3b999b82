"""The partnership's four boards (from its website), their members from the demo organisations, meetings with
agendas, and items raised in every stage. The data lives here; the seed file is not read at run time.
Safe to load again: boards are matched by slug, members by role, and meetings and items are added once."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from boards import services
from boards.models import Board, Membership, RaisedItem, TermsOfReference
from partnership.models import Organisation, User

LBB = "London Borough of Barnet"
POLICE = "Metropolitan Police Service, North West Basic Command Unit"
ICB = "North Central London Integrated Care Board"

# slug: (name, short name, chair by role, reports to, purpose, terms of reference)
BOARDS = {
    "leadership-forum": (
        "Leadership Forum",
        "LF",
        "A senior leader of one of the three statutory safeguarding partners",
        None,
        "The Leadership Forum gives the partnership its strategic direction. Its members are the three senior "
        "leaders of the statutory safeguarding partners: the London Borough of Barnet, the Metropolitan Police "
        "Service and the North Central London Integrated Care Board.\n\n"
        "The Leadership Forum oversees all of the partnership's activities and receives regular updates from "
        "the subgroups.",
        "Purpose: to set the strategic direction of Barnet Safeguarding Children Partnership and to hold the "
        "partners to account for the safeguarding of children in Barnet.\n\n"
        "Membership: the three statutory safeguarding partners' senior leaders, supported by the partnership "
        "manager.\n\nThe forum receives reports from the Performance and Quality Assurance Panel and the "
        "Learning and Thematic Review Group, agrees the business plan and the annual report, and commissions "
        "independent scrutiny.",
    ),
    "performance-and-quality-assurance-panel": (
        "Performance and Quality Assurance Panel",
        "PQA",
        "A senior leader of a statutory safeguarding partner",
        "leadership-forum",
        "The Performance and Quality Assurance Panel has a crucial scrutiny and assurance function. It reviews "
        "multi-agency performance data and annual reports, including those of the MASH, the LADO, the "
        "Vulnerable Adolescents Community Partnership, the 0-19 Strategic Partnership and Education.\n\n"
        "It monitors and advises on many of the partnership's activities, including multi-agency audits, the "
        "training programme, Section 11 audits, the professional and young people's forums and thematic deep "
        "dives. It receives regular reports from the Voluntary, Community and Faith Sector Group.",
        "Purpose: to give the partnership assurance on the quality and effectiveness of multi-agency "
        "safeguarding practice in Barnet.\n\nThe panel reviews performance data, multi-agency audits, Section 11 "
        "returns and the training programme, and reports to the Leadership Forum.",
    ),
    "learning-and-thematic-review-group": (
        "Learning and Thematic Review Group",
        "LTRG",
        "Independent chair",
        "leadership-forum",
        "The Learning and Thematic Review Group is an independently chaired meeting looking at serious "
        "safeguarding incidents and deaths involving children and young people.\n\n"
        "It undertakes rapid reviews, oversees local child safeguarding practice reviews and other learning "
        "activities, and monitors the implementation of recommendations. It also reviews national child "
        "safeguarding practice reviews and other learning and good practice to implement in Barnet.",
        "Purpose: to decide whether serious incidents meet the criteria for a local child safeguarding practice "
        "review, to commission and oversee those reviews, and to make sure their learning changes practice.\n\n"
        "Membership: senior safeguarding leads of the three statutory partners, with education, public health "
        "and legal colleagues. Each representative speaks with authority for their organisation, takes "
        "decisions on its behalf and holds it to account for implementing learning.",
    ),
    "voluntary-community-and-faith-sector-group": (
        "Voluntary, Community and Faith Sector Group",
        "VCFS",
        "A member of the group from the voluntary, community and faith sector",
        "performance-and-quality-assurance-panel",
        "The Voluntary, Community and Faith Sector Group has been reinvigorated with a new strategy and terms "
        "of reference. Its members are larger community groups in Barnet and umbrella organisations that "
        "represent the sector.\n\n"
        "It brings the voice and knowledge of voluntary, community and faith organisations to the partnership, "
        "improves safeguarding practice across the sector and increases engagement with the partnership's "
        "activities and training.",
        "Purpose: to bring the voice of the voluntary, community and faith sector to the partnership and to "
        "strengthen safeguarding practice across the sector.\n\nThe group reports to the Performance and "
        "Quality Assurance Panel.",
    ),
}

# slug: [(role, organisation, chair?, demo user's email or None)]
MEMBERS = {
    "leadership-forum": [
        ("Chief Executive", LBB, False, None),
        ("Detective Superintendent, Head of Safeguarding", POLICE, False, None),
        ("Director of Quality and Safety", ICB, False, None),
        ("Partnership manager (adviser)", LBB, False, "manager@bscp.example"),
    ],
    "performance-and-quality-assurance-panel": [
        ("Head of Quality Assurance, Children's Social Care", LBB, False, None),
        ("Detective Inspector, Safeguarding", POLICE, False, None),
        ("Designated Nurse for Safeguarding Children", ICB, False, None),
        ("Named Nurse for Safeguarding Children", "Royal Free London NHS Foundation Trust", False, None),
        ("Named Nurse for Safeguarding Children", "Central London Community Healthcare NHS Trust", False, None),
        ("Head of Education Safeguarding", "Barnet Education and Learning Service", False, None),
        ("Head of Service", "Barnet Youth Justice Service", False, None),
        ("Senior Probation Officer", "Probation Service, North London", False, None),
        ("Voluntary sector representative", "Young Barnet Foundation", False, None),
    ],
    "learning-and-thematic-review-group": [
        ("Head of Service, Children's Social Care", LBB, False, "la.rep@bscp.example"),
        ("Detective Superintendent, Head of Safeguarding", POLICE, False, "police.rep@bscp.example"),
        ("Designated Doctor for Safeguarding Children", ICB, False, "health.rep@bscp.example"),
        (
            "Named Nurse for Safeguarding Children",
            "Royal Free London NHS Foundation Trust",
            False,
            "reviewer@bscp.example",
        ),
        ("Head of Education Safeguarding", "Barnet Education and Learning Service", False, None),
        ("Consultant in Public Health", LBB, False, None),
        ("Partnership manager", LBB, False, "manager@bscp.example"),
    ],
    "voluntary-community-and-faith-sector-group": [
        ("Chief Executive (umbrella organisation)", "Young Barnet Foundation", True, "agency@bscp.example"),
        ("Safeguarding lead", "Barnet Mencap", False, None),
        ("Safeguarding lead", "Barnet Multi-Faith Forum", False, None),
        ("Scheme manager", "Home-Start Barnet", False, None),
        ("Partnership manager", LBB, False, None),
    ],
}

AGENDAS = {
    "leadership-forum": ["Business plan progress", "Independent scrutiny report", "Reports from the subgroups"],
    "performance-and-quality-assurance-panel": [
        "Multi-agency performance data",
        "Section 11 audit findings",
        "Training programme evaluation",
    ],  # fmt: skip
    "learning-and-thematic-review-group": [
        "Rapid reviews completed",
        "Local review action plans",
        "National Panel publications",
    ],  # fmt: skip
    "voluntary-community-and-faith-sector-group": [
        "Safeguarding checklist returns",
        "Training offer for the sector",
        "Engagement with the partnership",
    ],  # fmt: skip
}

# (subject, board slug or None, stage)
RAISED = [
    ("Safer sleeping messages for fathers", "learning-and-thematic-review-group", RaisedItem.Stage.RECEIVED),
    ("Safeguarding training for faith settings", None, RaisedItem.Stage.RECEIVED),
    ("Transport to family hubs", "performance-and-quality-assurance-panel", RaisedItem.Stage.DECLINED),
    (
        "Learning from the national Panel's report on bruising in babies",
        "learning-and-thematic-review-group",
        RaisedItem.Stage.ON_AGENDA,
    ),  # fmt: skip
]

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def load(stdout) -> None:
    manager = User.objects.filter(email="manager@bscp.example").first()
    boards = _boards()
    _members(boards)
    _terms(boards, manager)
    _meetings(boards, manager)
    _raised(boards, manager)
    stdout.write(f"  {len(boards)} boards, their members, terms of reference, meetings and raised items")


def _boards() -> dict[str, Board]:
    boards = {}
    for order, (slug, (name, short, chair, reports_to, purpose, _terms)) in enumerate(BOARDS.items()):
        boards[slug], _ = Board.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "short_name": short, "chair": chair, "purpose": purpose, "order": order,
                      "reports_to": boards.get(reports_to)},
        )  # fmt: skip
    return boards


def _members(boards) -> None:
    for slug, members in MEMBERS.items():
        for order, (role, organisation, is_chair, email) in enumerate(members):
            Membership.objects.update_or_create(
                board=boards[slug], role=role, organisation=Organisation.objects.get(name=organisation),
                defaults={"is_chair": is_chair, "order": order, "user": User.objects.filter(email=email).first()},
            )  # fmt: skip


def _terms(boards, manager) -> None:
    for slug, (name, *_rest, terms) in BOARDS.items():
        if TermsOfReference.objects.filter(board=boards[slug]).exists():
            continue
        services.terms_of_reference_add(
            board=boards[slug], approved_on=date(2019, 9, 27), by=manager,
            text=f"The first terms of reference of the {name}, agreed when the partnership's arrangements began.",
        )  # fmt: skip
        services.terms_of_reference_add(
            board=boards[slug], approved_on=date(2024, 9, 1), text=terms, by=manager,
            file=ContentFile(MINIMAL_PDF, name=f"{slug}-terms-of-reference.pdf"),
        )  # fmt: skip


def _meetings(boards, manager) -> None:
    today = timezone.localdate()
    for slug, agenda in AGENDAS.items():
        board = boards[slug]
        if board.meetings.exists():
            continue
        for days, published in ((-70, True), (-14, False), (35, False)):
            meeting = services.meeting_create(board=board, date=today + timedelta(days=days), location="Barnet House",
                                              by=manager)  # fmt: skip
            for title in agenda:
                services.agenda_item_add(meeting=meeting, title=title, by=manager)
            if days < 0:
                services.paper_add(meeting=meeting, title=f"{agenda[0]}: report", by=manager,
                                   file=ContentFile(MINIMAL_PDF, name="report.pdf"))  # fmt: skip
                services.meeting_minutes_record(
                    meeting=meeting, by=manager,
                    minutes="Apologies and declarations of interest were noted.\n\n" + "\n\n".join(
                        f"{number}. {title}: the board discussed the report and agreed its actions."
                        for number, title in enumerate(agenda, start=1)),
                )  # fmt: skip
            if published:
                services.meeting_publish(meeting=meeting, by=manager)


def _raised(boards, manager) -> None:
    for subject, slug, stage in RAISED:
        if RaisedItem.objects.filter(subject=subject).exists():
            continue
        item = services.raised_item_submit(
            board=boards.get(slug), subject=subject, name="Demo Visitor", email="visitor@example.com",
            details=f"I would like the board to consider: {subject.lower()}.", organisation="",
        )  # fmt: skip
        if stage == RaisedItem.Stage.ON_AGENDA:
            meeting = boards[slug].meetings.filter(date__gte=timezone.localdate()).first()
            services.raised_item_add_to_agenda(item=item, meeting=meeting, by=manager)
        elif stage == RaisedItem.Stage.DECLINED:
            services.raised_item_decline(
                item=item, by=manager,
                reason="This is a matter for the council's transport service, which we have passed it to.",
            )  # fmt: skip
