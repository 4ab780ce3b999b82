from tests.boards.factories import (
    AgendaItemFactory,
    BoardFactory,
    MeetingFactory,
    MeetingPastFactory,
    MembershipFactory,
    PaperFactory,
    RaisedItemFactory,
    TermsOfReferenceFactory,
    pdf,
)
from tests.security.access import (
    ADMIN,
    ANONYMOUS,
    LOGIN,
    MANAGER,
    NOT_FOUND,
    OK,
    PEOPLE,
    REDIRECT,
    REVIEW_GROUP,
    Row,
    public,
    staff_only,
)

MANAGERS = [MANAGER, ADMIN]


def private_document(url_name: str) -> Row:
    expect = {**dict.fromkeys(PEOPLE, NOT_FOUND), ANONYMOUS: LOGIN, MANAGER: OK, ADMIN: OK, REVIEW_GROUP: OK}
    return Row(
        url_name,
        expect,
        note="an unpublished meeting's document: board members (here the review group member) and the manager; "
        "once the meeting is published, everyone",
    )


ROWS = [
    public("boards"),
    public("boards-governance", note="the visual guide to the boards"),
    public("boards-meetings-ics", note="every active board's meeting dates, as a calendar to subscribe to"),
    public("board-detail"),
    public("board-meeting", note="agenda, papers and minutes shown only to members and the manager until published"),
    public("board-terms", note="any version of the terms of reference"),
    public("board-terms-file", note="terms of reference are public documents"),
    public("boards-raise-item"),
    Row("boards-raise-item-sent", dict.fromkeys(PEOPLE, REDIRECT), note="without a sent item, back to the form"),
    private_document("board-paper-file"),
    private_document("board-minutes-file"),
    staff_only("boards-triage", allowed=MANAGERS),
    staff_only("boards-raised-item", allowed=MANAGERS),
    staff_only("boards-meetings", allowed=MANAGERS),
    staff_only("boards-meeting-create", allowed=MANAGERS),
    staff_only("boards-meeting-manage", allowed=MANAGERS),
    staff_only("boards-terms-add", allowed=MANAGERS),
    staff_only("boards-meeting-edit", allowed=MANAGERS),
    staff_only("boards-meeting-cancel", allowed=MANAGERS),
    staff_only("boards-agenda-item-edit", allowed=MANAGERS),
    staff_only("boards-paper-edit", allowed=MANAGERS),
    staff_only("boards-terms-withdraw", allowed=MANAGERS),
    staff_only("boards-members", allowed=MANAGERS),
]


def world(people):
    board = BoardFactory()
    MembershipFactory(board=board, organisation=people[REVIEW_GROUP].organisation, user=people[REVIEW_GROUP])
    terms = TermsOfReferenceFactory(board=board, file=pdf("terms.pdf"))
    meeting = MeetingPastFactory(board=board, minutes_file=pdf("minutes.pdf"))
    paper = PaperFactory(meeting=meeting)
    item = RaisedItemFactory(board=board)
    coming = MeetingFactory(board=board)
    agenda_item = AgendaItemFactory(meeting=meeting)
    return {
        "board-detail": {"slug": board.slug},
        "board-meeting": {"slug": board.slug, "pk": meeting.pk},
        "board-terms": {"slug": board.slug, "version": terms.version},
        "board-terms-file": {"slug": board.slug, "version": terms.version},
        "board-paper-file": {"pk": paper.pk},
        "board-minutes-file": {"pk": meeting.pk},
        "boards-raised-item": {"pk": item.pk},
        "boards-meeting-manage": {"pk": meeting.pk},
        "boards-terms-add": {"slug": board.slug},
        "boards-meeting-edit": {"pk": coming.pk},
        "boards-meeting-cancel": {"pk": coming.pk},
        "boards-agenda-item-edit": {"pk": agenda_item.pk},
        "boards-paper-edit": {"pk": paper.pk},
        "boards-terms-withdraw": {"slug": board.slug, "version": terms.version},
        "boards-members": {"slug": board.slug},
    }
