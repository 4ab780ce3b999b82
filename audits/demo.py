"""Demo tools, cycles and returns in every stage. Safe to load again: a tool or cycle already there is left alone."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from audits import services
from audits.models import Area, AuditReturn, Criterion, Cycle, Tool
from audits.permissions import COMPLETE_RETURN
from partnership.models import Organisation, User

# (standard, [(criterion, evidence expected)]): the pan-London Section 11 standards.
SECTION_11 = [
    ("Senior management commitment", [
        ("Senior managers take responsibility for safeguarding and promoting the welfare of children.",
         "Board minutes, annual safeguarding report to the board"),
        ("A named senior lead for safeguarding is in place and known to staff.", "Structure chart, intranet page"),
        ("Safeguarding is reflected in the organisation's strategic plans and budgets.", "Business plan extract"),
    ]),
    ("A clear statement of responsibilities", [
        ("There is a clear statement of the organisation's responsibilities towards children, available to staff.",
         "Safeguarding policy"),
        ("Job descriptions set out each role's safeguarding responsibilities.", "Sample job descriptions"),
    ]),
    ("A clear line of accountability", [
        ("There is a clear line of accountability for work on safeguarding, up to the board.", "Governance chart"),
        ("Safeguarding performance is monitored and reported regularly.", "Performance report, dashboards"),
    ]),
    ("Service development shaped by the views of children and families", [
        ("Services are developed taking account of the views of children, young people and families.",
         "Consultation findings, 'you said, we did'"),
        ("Complaints from children and families are learned from.", "Complaints analysis"),
    ]),
    ("Training and supervision", [
        ("Staff receive safeguarding training appropriate to their role, kept up to date.", "Training records"),
        ("Staff working with children and families receive regular safeguarding supervision.", "Supervision policy"),
        ("The impact of training on practice is evaluated.", "Evaluation or audit of practice"),
    ]),
    ("Safer recruitment and allegations management", [
        ("Safer recruitment procedures, including DBS checks and references, are followed.", "Recruitment policy"),
        ("Allegations against staff are referred to the LADO and managed under the London procedures.",
         "Allegations procedure, LADO referral log"),
    ]),
    ("Effective inter-agency working", [
        ("The organisation takes part in multi-agency work, meetings and plans for children.",
         "Attendance at strategy meetings and conferences"),
        ("Escalation of professional disagreements follows the partnership's procedure.", "Escalation log"),
    ]),
    ("Information sharing", [
        ("Staff know when and how to share information to safeguard children, including without consent.",
         "Information sharing guidance, training"),
        ("Records are accurate, timely and shared securely.", "Record keeping audit"),
    ]),
]  # fmt: skip

VCFS = [
    ("Safeguarding policy", "The organisation has a written safeguarding policy, reviewed in the last year."),
    ("Designated safeguarding person", "There is a named designated safeguarding person, and a deputy."),
    ("Training", "Staff and volunteers have safeguarding training suited to their role."),
    ("Reporting concerns", "Everyone knows how to report a concern, including to Barnet's MASH."),
    ("Code of conduct", "There is a code of conduct for staff and volunteers working with children."),
    ("Safer recruitment", "Staff and volunteers are recruited safely, with DBS checks where eligible."),
    ("Supervision", "Staff and volunteers have supervision and support for safeguarding work."),
    ("Allegations to the LADO", "Allegations against staff or volunteers are referred to the LADO."),
    ("Online safety", "Online activity with children follows an online safety policy."),
    ("Record keeping and information sharing", "Concerns are recorded and information shared safely."),
]

STATUTORY_TYPES = [Organisation.Type.LOCAL_AUTHORITY, Organisation.Type.POLICE, Organisation.Type.HEALTH,
                   Organisation.Type.PROBATION]  # fmt: skip
CURRENT_STAGES = ["accepted", "returned", "submitted", "in_progress", "not_started"]
RATINGS = ["green", "amber", "green", "red", "green", "amber", "green", "green", "green", "amber"]


def load(stdout) -> None:
    manager = User.objects.filter(email="manager@bscp.example").first()
    with transaction.atomic():
        section_11 = _section_11(manager)
        vcfs = _vcfs(manager)
    today = timezone.localdate()
    v1, v2 = list(section_11.versions.order_by("number"))[:2]
    past = _cycle(manager, v1, today.year - 1, date(today.year - 1, 4, 1), date(today.year - 1, 7, 31),
                  STATUTORY_TYPES, ["accepted"], close=True)  # fmt: skip
    current = _cycle(manager, v2, today.year, today - timedelta(days=14), today + timedelta(days=60),
                     STATUTORY_TYPES, CURRENT_STAGES)  # fmt: skip
    checklist = _cycle(manager, vcfs.versions.get(), today.year, today - timedelta(days=7),
                       today + timedelta(days=45), [Organisation.Type.VCF], CURRENT_STAGES[::-1])  # fmt: skip
    stdout.write(f"  Audits: 2 tools, cycles {past}, {current}, {checklist}")


def _tool(name, kind, areas, by, notes="") -> Tool:
    tool = Tool.objects.create(name=name, kind=kind)
    version = services.tool_version_draft(tool=tool, by=by, notes=notes)
    for position, (title, criteria) in enumerate(areas, start=1):
        area = Area.objects.create(version=version, position=position, title=title)
        for number, (text, evidence) in enumerate(criteria, start=1):
            Criterion.objects.create(area=area, position=number, text=text, evidence_expected=evidence)
    services.tool_version_publish(version=version, by=by)
    return tool


def _section_11(by) -> Tool:
    tool = Tool.objects.filter(name="Section 11 self-assessment").first()
    if tool:
        return tool
    tool = _tool("Section 11 self-assessment", Tool.Kind.SECTION_11, SECTION_11, by, "The pan-London standards.")
    draft = services.tool_version_draft(tool=tool, by=by, notes="Adds online safety to training and supervision.")
    training = draft.areas.get(title="Training and supervision")
    Criterion.objects.create(
        area=training, position=4, text="Training covers online harms and exploitation.", is_required=False,
        evidence_expected="Training content",
    )  # fmt: skip
    services.tool_version_publish(version=draft, by=by)
    return tool


def _vcfs(by) -> Tool:
    tool = Tool.objects.filter(name="VCFS safeguarding checklist").first()
    if tool:
        return tool
    areas = [(title, [(text, "")]) for title, text in VCFS]
    return _tool("VCFS safeguarding checklist", Tool.Kind.VCFS, areas, by, "Barnet's checklist for VCFS groups.")


def _cycle(by, version, year, opens_on, due_on, types, stages, close=False) -> Cycle:
    title = f"{version.tool.name} {year}"
    cycle = Cycle.objects.filter(title=title).first()
    if cycle:
        return cycle
    cycle = services.cycle_create(by=by, version=version, year=year, title=title, opens_on=opens_on,
                                  due_on=due_on, invited_types=types)  # fmt: skip
    services.cycle_open(cycle=cycle, by=by)
    returns = cycle.returns.select_related("organisation").order_by("organisation__name")
    for index, audit_return in enumerate(returns):
        _to_stage(audit_return, stages[index % len(stages)], by, _agency_user(audit_return.organisation, by))
    if close:
        services.cycle_close(cycle=cycle, by=by)
    return cycle


def _agency_user(organisation, fallback):
    """Someone of the organisation who fills in its returns; where there is none, the demo's administrator (who
    may move any organisation's return) stands in."""
    for user in organisation.users.filter(is_active=True).order_by("pk"):
        if user.has_perm(COMPLETE_RETURN):
            return user
    return User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first() or fallback


def _to_stage(audit_return: AuditReturn, stage: str, manager, agency) -> None:
    if stage == "not_started":
        return
    areas = list(audit_return.tool_version.areas.prefetch_related("criteria"))
    for index, area in enumerate(areas if stage != "in_progress" else areas[:3]):
        rating = RATINGS[(index + audit_return.organisation_id) % len(RATINGS)]
        services.area_save(
            audit_return=audit_return, area=area, by=agency, rating=rating,
            criteria={c: {"how_met": f"Our approach to: {c.text.lower()}", "evidence_link": "https://example.org/evidence"}
                      for c in area.criteria.all()},
            actions=[] if rating == "green" else [{"action": "Refresh the policy and brief every team", "owner":
                     "Head of safeguarding", "due_on": audit_return.cycle.due_on + timedelta(days=90)}],
        )  # fmt: skip
    if stage == "in_progress":
        return
    services.return_submit(audit_return=audit_return, by=agency)
    if stage in ("returned", "accepted"):
        first = audit_return.area_responses.order_by("area__position").first()
        services.review_save(
            audit_return=audit_return, by=manager, strengths="Clear leadership and a well-known safeguarding lead.",
            areas_to_develop="Show the impact of training on practice.", good_practice="Quarterly learning bulletins.",
            areas={first.pk: {"moderated_rating": "amber", "feedback": "Evidence of impact is thin."}},
        )  # fmt: skip
        step = services.return_send_back if stage == "returned" else services.return_accept
        step(audit_return=audit_return, by=manager)
