"""Demo child death cases: fictional children, in every stage, across the five boroughs. Loaded once: cases
are recognised by their demo notifier address."""

from datetime import time, timedelta

from django.utils import timezone
from django.utils.text import slugify

from cdop import services, services_form_b, services_panel
from cdop.choices import Borough, Category
from cdop.models import AGENDA_STAGES, ChildDeathCase
from partnership.models import Contact, Organisation, Theme, User
from partnership.nhs import nhs_number_is_valid

NOTIFIER = "demo.notifier@cdop.example"
# The agency directory: fictional GP practices and hospitals (not member agencies), each with one person. Demo
# names and `.example` addresses only, and no telephone numbers.
DIRECTORY = [
    ("Demo Lane Medical Practice", "gp_practice", "Barnet", "Dr Nia Example", "GP partner"),
    ("Example Green Surgery", "gp_practice", "Barnet", "Dr Tom Sample", "Safeguarding lead GP"),
    ("Demo Park Health Centre", "gp_practice", "Enfield", "Dr Lina Example", "GP partner"),
    ("Example Hill Group Practice", "gp_practice", "Haringey", "Dr Ravi Sample", "Safeguarding lead GP"),
    ("Demo General Hospital (Camden)", "hospital", "Camden", "Jo Example", "Named nurse for safeguarding children"),
    ("Example Children's Hospital (Islington)", "hospital", "Islington", "Dr Ben Sample", "Designated doctor"),
    ("Demo County Hospital (Hertfordshire)", "hospital", "Hertfordshire", "Kim Example", "Named midwife"),
]
STAGES = ["notified", "gathering", "review_meeting", "panel", "closed"]
FIRST_NAMES = ["Ava", "Leo", "Maya", "Noah", "Isla", "Zain", "Ruby", "Kai", "Elsie", "Omar"]


def _nhs_number(index: int) -> str:
    """A valid NHS number of its own for each demo child, so no demo notification looks like a duplicate."""
    base = 943476500 + index * 10
    while True:
        for check in range(10):
            if nhs_number_is_valid(f"{base}{check}"):
                return f"{base}{check}"
        base += 1


def _answers(index: int, borough: str) -> dict:
    died = timezone.localdate() - timedelta(days=20 + index * 9)
    return {
        "first_name": FIRST_NAMES[index],
        "last_name": "Example",
        "date_of_birth": died - timedelta(days=200 + index * 700),
        "nhs_number": _nhs_number(index) if index % 3 else "",
        "address": f"{index + 1} Demo Road, London",
        "postcode": f"N{index + 1} 9ZZ" if index % 4 else "",  # fictional; every fourth not known
        "gp": "Demo Medical Centre",
        "parental_responsibility": "Both parents",
        "sex": "female" if index % 2 else "male",
        "ethnicity": ["white", "black", "asian", "mixed", "other"][index % 5],
        "borough": borough,
        "date_of_death": died,
        "time_of_death": None,
        "place_of_death": "Hospital emergency department",
        "death_expected": index % 2 == 0,
        "post_mortem": "yes" if index % 2 else "no",
        "cause_if_known": "",
        "circumstances": "Fictional demo case: the child was taken to hospital and could not be revived.",
        "other_children_at_risk": "",
        "other_reviews": "",
        "professionals_in_life": "Health visitor; GP; nursery",
        "professionals_after_death": "Paramedics; emergency department consultant",
        "notifier_name": "Demo Notifier",
        "notifier_role": "Paediatric liaison nurse",
        "notifier_organisation": "Royal Free London NHS Foundation Trust",
        "notifier_email": NOTIFIER,
        "notifier_phone": "",
    }


def _advance(case: ChildDeathCase, stage: str, coordinator: User, index: int) -> None:
    if stage == "notified":
        return
    services.case_triage(
        case=case,
        borough=case.borough,
        death_expected=case.death_expected,
        jar_triggers=[] if case.death_expected else ["sudden"],
        abuse_suspected=False,
        coroner_involved=not case.death_expected,
        post_mortem=case.post_mortem,
        version=None,
        by=coordinator,
    )
    for organisation in Organisation.objects.filter(name__in=["Young Barnet Foundation", "Whitefield Academy Trust"]):
        services_form_b.form_b_send(
            case=case,
            organisation=organisation,
            professional_name="Demo Practitioner",
            professional_email=f"practitioner{organisation.pk}@demo.cdop.example",
            by=coordinator,
        )
    if stage == "gathering":
        return
    services.case_meetings_record(
        case=case,
        review_meeting_on=timezone.localdate() + timedelta(days=30),
        panel_summary=f"{case.pseudonym}, aged {case.get_age_band_display()}, died in hospital (fictional demo).",
        version=None,
        by=coordinator,
    )
    if stage == "review_meeting":
        return
    services.case_send_to_panel(case=case, by=coordinator)
    if stage == "panel":
        return
    services.analysis_record(
        analysis=case.analysis,
        values={
            "category": list(Category)[index % 10].value,
            "child_factors": 1,
            "family_factors": index % 3,
            "parenting_factors": 0,
            "service_factors": 1,
            "modifiable": index % 2 == 1,
            "modifiable_reasons": "Safer sleeping advice was not repeated after discharge.",
            "learning": "Repeat safer sleeping advice at every contact.",
            "recommendations": "Health visitors to record safer sleeping conversations.",
            "actions": "",
        },
        themes=Theme.objects.filter(slug="safer-sleeping"),
        version=None,
        by=coordinator,
    )
    services.case_close(case=case, by=coordinator)


def _directory() -> None:
    for name, kind, area, person, role in DIRECTORY:
        organisation, _ = Organisation.objects.get_or_create(
            name=name, defaults={"type": kind, "area": area, "is_member": False}
        )
        email = person.removeprefix("Dr ").lower().replace(" ", ".") + "@" + slugify(name)[:30] + ".example"
        Contact.objects.get_or_create(organisation=organisation, email=email, defaults={"name": person, "role": role})


def load(stdout) -> None:
    _directory()
    stdout.write(f"  {len(DIRECTORY)} demo GP practices and hospitals in the agency directory")
    if ChildDeathCase.objects.filter(notifier_email=NOTIFIER).exists():
        stdout.write("  CDOP demo cases already loaded")
        return
    coordinator = User.objects.filter(email="cdop@bscp.example").first()
    if coordinator is None:
        stdout.write("  CDOP demo skipped: the demo coordinator is missing")
        return
    boroughs = list(Borough)
    for index in range(10):
        case = services.notification_submit(answers=_answers(index, boroughs[(index + index // 5) % 5].value))
        _advance(case, STAGES[index % 5], coordinator, index)
    stdout.write(f"  10 CDOP demo cases in every stage ({', '.join(STAGES)}) across the five boroughs")
    _meeting(coordinator, stdout)


def _meeting(coordinator: User, stdout) -> None:
    """A panel meeting five weeks ahead (invitations go out a month ahead), the demo panel member and the
    coordinator invited, the cases with the panel and one gathering information on its agenda, invitations sent
    and the pack issued, so the panel member can follow it all from My work."""
    members = [coordinator, *User.objects.filter(email="panel@bscp.example")]
    meeting = services_panel.meeting_create(
        meets_on=timezone.localdate() + timedelta(days=35),
        starts_at=time(14, 0),
        place="Barnet House, 2 Bristol Avenue, Colindale NW9 4EW, Committee Room 1 (or join online)",
        members=members,
        by=coordinator,
    )
    demo_cases = ChildDeathCase.objects.filter(notifier_email=NOTIFIER, stage__in=AGENDA_STAGES)
    agenda = [*demo_cases.filter(stage=ChildDeathCase.Stage.PANEL), *demo_cases.filter(stage="gathering")[:1]]
    for case in agenda:
        services_panel.agenda_add(meeting=meeting, case=case, by=coordinator)
    services_panel.invitations_send(meeting=meeting, urgent=False, by=coordinator)
    services_panel.pack_issue(meeting=meeting, version=None, by=coordinator)
    stdout.write(f"  a panel meeting on {meeting.meets_on:%-d %B %Y} with {len(agenda)} cases, pack issued")
