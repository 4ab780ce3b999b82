import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from audits import services
from audits.models import Area, AuditReturn, Criterion, Cycle, ToolVersion
from audits.selectors import return_page
from partnership.errors import Refusal
from partnership.models import Deadline, StageChange
from partnership.roles import Role
from partnership.selectors import stage_changes
from tests.audits.factories import CycleFactory, fill, published_version, return_in_stage
from tests.factories import OrganisationFactory, UserFactory

Stage = AuditReturn.Stage
pytestmark = pytest.mark.django_db


# Tools -------------------------------------------------------------------------------------------------------


def test_a_new_version_is_drafted_from_the_last_one(manager):
    version = published_version(areas=3, criteria=2)
    draft = services.tool_version_draft(tool=version.tool, by=manager)
    assert draft.number == version.number + 1
    assert draft.stage == ToolVersion.Stage.DRAFT
    assert [a.title for a in draft.areas.all()] == [a.title for a in version.areas.all()]
    assert Criterion.objects.filter(area__version=draft).count() == 6


def test_only_one_draft_at_a_time(manager):
    version = published_version()
    services.tool_version_draft(tool=version.tool, by=manager)
    with pytest.raises(Refusal):
        services.tool_version_draft(tool=version.tool, by=manager)


def test_a_published_version_cannot_change():
    version = published_version()
    criterion = Criterion.objects.filter(area__version=version).first()
    criterion.text = "Changed"
    with pytest.raises(ValidationError, match="published"):
        criterion.full_clean()
    with pytest.raises(ValidationError, match="published"):
        Area(version=version, title="New", position=9).full_clean()


def test_publishing_twice_is_refused(manager):
    version = published_version()
    with pytest.raises(Refusal):
        services.tool_version_publish(version=version, by=manager)


def test_a_tool_changed_after_a_cycle_opened_does_not_alter_the_returns_in_it(
    cycle, audit_return, agency_user, manager
):
    fill(audit_return, by=agency_user)
    draft = services.tool_version_draft(tool=cycle.version.tool, by=manager)
    changed = Criterion.objects.filter(area__version=draft).first()
    changed.text = "A reworded criterion"
    changed.full_clean()
    changed.save()
    Area.objects.create(version=draft, position=3, title="A new standard")
    services.tool_version_publish(version=draft, by=manager)

    audit_return.refresh_from_db()
    page = return_page(audit_return)
    assert audit_return.tool_version == cycle.version
    assert [view.area.title for view in page.areas] == ["Standard 1", "Standard 2"]
    assert page.areas[0].criteria[0][0].text == "Criterion 1.1"
    assert page.areas[0].criteria[0][1].how_met == "We do Criterion 1.1"


# Cycles ------------------------------------------------------------------------------------------------------


def test_opening_a_cycle_makes_returns_deadlines_and_emails(
    manager, agency, other_agency, agency_user, mailoutbox, django_capture_on_commit_callbacks
):
    named = OrganisationFactory(name="Named Trust", type="health", email="office@trust.example")
    police = OrganisationFactory(name="Not invited", type="police")
    cycle = CycleFactory()
    cycle.invited_organisations.set([named])
    with pytest.raises(Refusal):
        services.cycle_close(cycle=cycle, by=manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_open(cycle=cycle, by=manager)

    organisations = set(cycle.returns.values_list("organisation__name", flat=True))
    assert organisations == {agency.name, other_agency.name, named.name}
    assert police.name not in organisations
    deadlines = Deadline.objects.filter(kind=services.RETURN_DUE)
    assert deadlines.count() == 3
    assert {d.organisation_id for d in deadlines} == {agency.pk, other_agency.pk, named.pk}
    assert all(d.due_on == cycle.due_on for d in deadlines)
    recipients = {address for message in mail.outbox for address in message.to}
    assert {agency_user.email, "office@trust.example"} <= recipients
    with pytest.raises(Refusal):
        services.cycle_open(cycle=cycle, by=manager)


def test_a_cycle_must_use_a_published_version(manager):
    draft = services.tool_version_draft(tool=published_version().tool, by=manager)
    with pytest.raises(ValidationError):
        CycleFactory.build(version=draft).full_clean()


def test_closing_a_cycle_stops_the_clocks(cycle, manager):
    services.cycle_close(cycle=cycle, by=manager)
    assert cycle.returns.count() == 2
    assert not Deadline.objects.open().exists()
    assert Cycle.objects.get().stage == Cycle.Stage.CLOSED


# Returns: every allowed and refused stage move -------------------------------------------------------------


def _save(audit_return, user, manager):
    area = audit_return.tool_version.areas.first()
    services.area_save(audit_return=audit_return, area=area, by=user, rating="green", criteria={}, actions=[])


def _submit(audit_return, user, manager):
    fill(audit_return, by=user) if audit_return.is_editable else None
    services.return_submit(audit_return=audit_return, by=user)


def _send_back(audit_return, user, manager):
    services.return_send_back(audit_return=audit_return, by=manager)


def _accept(audit_return, user, manager):
    services.return_accept(audit_return=audit_return, by=manager)


def _review(audit_return, user, manager):
    services.review_save(audit_return=audit_return, by=manager, areas={}, strengths="Good")


MOVES = {
    "save": (_save, {Stage.NOT_STARTED: Stage.IN_PROGRESS, Stage.IN_PROGRESS: Stage.IN_PROGRESS,
                     Stage.RETURNED: Stage.RETURNED}),
    "submit": (_submit, {Stage.IN_PROGRESS: Stage.SUBMITTED, Stage.RETURNED: Stage.SUBMITTED}),
    "send_back": (_send_back, {Stage.SUBMITTED: Stage.RETURNED}),
    "accept": (_accept, {Stage.SUBMITTED: Stage.ACCEPTED}),
    "review": (_review, {Stage.SUBMITTED: Stage.SUBMITTED}),
}  # fmt: skip
CASES = [(move, stage, allowed.get(stage)) for move, (_, allowed) in MOVES.items() for stage in Stage.values]


@pytest.mark.parametrize(("move", "start", "end"), CASES, ids=[f"{m}-from-{s}" for m, s, _ in CASES])
def test_stage_moves(move, start, end, cycle, agency, agency_user, manager, mailoutbox):
    audit_return = return_in_stage(start, cycle=cycle, organisation=agency, agency_user=agency_user, manager=manager)
    log_before = StageChange.objects.count()
    version_before = audit_return.version
    step, _ = MOVES[move]
    if end is None:
        with pytest.raises(Refusal):
            step(audit_return, agency_user, manager) if move != "submit" else services.return_submit(
                audit_return=audit_return, by=agency_user
            )
        audit_return.refresh_from_db()
        assert audit_return.stage == start
        assert audit_return.version == version_before  # a failed move saves nothing
        assert StageChange.objects.count() == log_before
    else:
        step(audit_return, agency_user, manager)
        audit_return.refresh_from_db()
        assert audit_return.stage == end
        if end != start:
            last = stage_changes(audit_return).last()
            assert (last.from_stage, last.to_stage) == (start, end)


def test_submitting_lists_everything_missing_and_saves_nothing(audit_return, agency_user):
    first = audit_return.tool_version.areas.first()
    services.area_save(audit_return=audit_return, area=first, by=agency_user, rating="amber", criteria={}, actions=[])
    with pytest.raises(Refusal) as error:
        services.return_submit(audit_return=audit_return, by=agency_user)
    messages = error.value.messages
    assert "Add at least one key action, with an owner and a date, for “Standard 1”" in messages
    assert "Describe how your organisation meets “Criterion 1.1” in “Standard 1”" in messages
    assert "Give a rating for “Standard 2”" in messages
    assert len(messages) == 6
    audit_return.refresh_from_db()
    assert audit_return.stage == Stage.IN_PROGRESS


def test_not_applicable_needs_a_reason_but_no_descriptions(audit_return, agency_user):
    fill(audit_return, by=agency_user)
    area = audit_return.tool_version.areas.last()
    services.area_save(audit_return=audit_return, area=area, by=agency_user, rating="na", criteria={}, actions=[])
    with pytest.raises(Refusal, match="does not apply"):
        services.return_submit(audit_return=audit_return, by=agency_user)
    services.area_save(audit_return=audit_return, area=area, by=agency_user, rating="na",
                       not_applicable_reason="We do not run this service", criteria={}, actions=[])  # fmt: skip
    services.return_submit(audit_return=audit_return, by=agency_user)


def test_submitting_meets_the_deadline_and_returning_restarts_it(
    audit_return, agency_user, manager, mailoutbox, django_capture_on_commit_callbacks
):
    fill(audit_return, by=agency_user)
    services.return_submit(audit_return=audit_return, by=agency_user)
    deadline = Deadline.objects.get(object_id=audit_return.pk, kind=services.RETURN_DUE)
    assert deadline.met_by == agency_user
    with django_capture_on_commit_callbacks(execute=True):
        services.return_send_back(audit_return=audit_return, by=manager)
    deadline.refresh_from_db()
    assert deadline.is_open
    assert mailoutbox[-1].subject.endswith("returned for changes")
    assert agency_user.email in mailoutbox[-1].to


def test_the_moderated_rating_is_kept_beside_the_organisations_own(audit_return, agency_user, manager):
    fill(audit_return, by=agency_user, rating="green")
    services.return_submit(audit_return=audit_return, by=agency_user)
    response = audit_return.area_responses.first()
    services.review_save(audit_return=audit_return, by=manager, strengths="Strong leadership",
                         areas={response.pk: {"moderated_rating": "amber", "feedback": "Thin evidence"}})  # fmt: skip
    response.refresh_from_db()
    assert (response.rating, response.moderated_rating, response.feedback) == ("green", "amber", "Thin evidence")


def test_an_area_of_another_version_is_refused(audit_return, agency_user):
    other = published_version().areas.first()
    with pytest.raises(Refusal):
        services.area_save(audit_return=audit_return, area=other, by=agency_user, criteria={}, actions=[])


def test_other_roles_cannot_be_given_audits_rights():
    reviewer = UserFactory(roles=[Role.REVIEW_GROUP_MEMBER])
    assert not reviewer.has_perm("audits.manage_audits")
    assert not reviewer.has_perm("audits.complete_return")


CYCLE_MOVES = [
    ("open", Cycle.Stage.DRAFT, Cycle.Stage.OPEN),
    ("open", Cycle.Stage.OPEN, None),
    ("open", Cycle.Stage.CLOSED, None),
    ("close", Cycle.Stage.OPEN, Cycle.Stage.CLOSED),
    ("close", Cycle.Stage.DRAFT, None),
    ("close", Cycle.Stage.CLOSED, None),
]


@pytest.mark.parametrize(("move", "start", "end"), CYCLE_MOVES, ids=[f"{m}-from-{s}" for m, s, _ in CYCLE_MOVES])
def test_cycle_stage_moves(move, start, end, manager, agency):
    cycle = CycleFactory()
    if start != Cycle.Stage.DRAFT:
        services.cycle_open(cycle=cycle, by=manager)
    if start == Cycle.Stage.CLOSED:
        services.cycle_close(cycle=cycle, by=manager)
    step = services.cycle_open if move == "open" else services.cycle_close
    returns_before = cycle.returns.count()
    if end is None:
        with pytest.raises(Refusal):
            step(cycle=cycle, by=manager)
        assert Cycle.objects.get(pk=cycle.pk).stage == start
        assert cycle.returns.count() == returns_before
    else:
        step(cycle=cycle, by=manager)
        assert Cycle.objects.get(pk=cycle.pk).stage == end


def test_publishing_a_draft_version_stamps_who_and_when(manager):
    draft = services.tool_version_draft(tool=published_version().tool, by=manager)
    services.tool_version_publish(version=draft, by=manager)
    draft.refresh_from_db()
    assert (draft.stage, draft.published_by, str(draft.published_on)) == ("published", manager, "2026-04-15")
