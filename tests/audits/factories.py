"""Factories for the audits app: tools, versions, cycles and returns in each stage."""

from datetime import date

import factory

from audits import services
from audits.models import Area, AuditReturn, Criterion, Cycle, Tool, ToolVersion
from tests.factories import OrganisationFactory


class ToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tool

    name = factory.Sequence(lambda n: f"Tool {n}")
    kind = Tool.Kind.SECTION_11


class DraftVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ToolVersion

    tool = factory.SubFactory(ToolFactory)
    number = factory.Sequence(lambda n: n + 1)
    stage = ToolVersion.Stage.DRAFT


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    version = factory.SubFactory(DraftVersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Standard {n}")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    area = factory.SubFactory(AreaFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Criterion {n} is met")
    evidence_expected = "A policy"


def published_version(*, areas=2, criteria=2, tool=None, required=True) -> ToolVersion:
    """A published tool version with `areas` areas of `criteria` criteria each (made at the published stage: the
    factories write areas without the checks that keep a published version's areas as they are)."""
    published = {"stage": ToolVersion.Stage.PUBLISHED, "published_on": date(2026, 1, 5)}
    version = DraftVersionFactory(**published, **({"tool": tool} if tool else {}))
    for a in range(areas):
        area = AreaFactory(version=version, position=a + 1, title=f"Standard {a + 1}")
        for c in range(criteria):
            CriterionFactory(area=area, position=c + 1, text=f"Criterion {a + 1}.{c + 1}", is_required=required)
    return version


class CycleFactory(factory.django.DjangoModelFactory):
    """A cycle not opened yet, inviting every VCF organisation."""

    class Meta:
        model = Cycle

    version = factory.LazyFunction(published_version)
    year = 2026
    title = factory.Sequence(lambda n: f"Audit cycle {n}")
    opens_on = date(2026, 4, 1)
    due_on = date(2026, 6, 30)
    invited_types = factory.LazyFunction(lambda: ["vcf"])


class AuditReturnFactory(factory.django.DjangoModelFactory):
    """A return made directly at a stage (`stage=...`), without the cycle's opening: for the machine walk."""

    class Meta:
        model = AuditReturn

    reference = factory.Sequence(lambda n: f"S11-2026-{n + 1:03d}")
    cycle = factory.SubFactory(CycleFactory, stage=Cycle.Stage.OPEN)
    tool_version = factory.SelfAttribute("cycle.version")
    organisation = factory.SubFactory(OrganisationFactory)


def fill(audit_return: AuditReturn, *, by, rating="green", areas=None) -> None:
    """Answer every criterion of the given (default: every) area and rate it."""
    for area in areas or audit_return.tool_version.areas.prefetch_related("criteria"):
        criteria = {c: {"how_met": f"We do {c.text}"} for c in area.criteria.all()}
        services.area_save(audit_return=audit_return, area=area, by=by, rating=rating, criteria=criteria, actions=[])


def return_in_stage(stage: str, *, cycle: Cycle, organisation, agency_user, manager) -> AuditReturn:
    """The organisation's return in `cycle`, moved through the services to `stage`."""
    audit_return = AuditReturn.objects.get(cycle=cycle, organisation=organisation)
    if stage == AuditReturn.Stage.NOT_STARTED:
        return audit_return
    fill(audit_return, by=agency_user)
    if stage != AuditReturn.Stage.IN_PROGRESS:
        services.return_submit(audit_return=audit_return, by=agency_user)
    if stage == AuditReturn.Stage.RETURNED:
        services.return_send_back(audit_return=audit_return, by=manager)
    if stage == AuditReturn.Stage.ACCEPTED:
        services.return_accept(audit_return=audit_return, by=manager)
    audit_return.refresh_from_db()
    return audit_return
