"""How the machine walk makes the audits app's records at each stage, and who may move a return."""

from audits.models import AuditReturn, ToolVersion
from tests.audits.factories import AuditReturnFactory, CycleFactory, DraftVersionFactory, published_version
from tests.workflow_subjects import Subject, permitted_user


def a_version(stage: str) -> ToolVersion:
    if stage == ToolVersion.Stage.PUBLISHED:
        return published_version(areas=1, criteria=1)
    return DraftVersionFactory(stage=stage)


def of_the_organisation(move, audit_return: AuditReturn):
    """A user of the return's own organisation, holding the move's permission (the moves' rule asks for both)."""
    return permitted_user(move, audit_return, organisation=audit_return.organisation)


SUBJECTS = {
    "audits.ToolVersion": Subject(make=a_version),
    "audits.Cycle": Subject(make=lambda stage: CycleFactory(stage=stage)),
    "audits.AuditReturn": Subject(make=lambda stage: AuditReturnFactory(stage=stage), person=of_the_organisation),
}
