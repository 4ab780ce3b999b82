"""How the machine walk (tests/partnership/test_workflow_machines.py) makes child death cases and Form B requests
at each stage. No move has a rule beyond its permission, so the default permitted person serves."""

from tests.cdop.factories import CaseNotifiedFactory, FormBRequestFactory
from tests.workflow_subjects import Subject

SUBJECTS = {
    "cdop.ChildDeathCase": Subject(make=lambda stage: CaseNotifiedFactory(stage=stage, panel_summary="Summary")),
    "cdop.FormBRequest": Subject(make=lambda stage: FormBRequestFactory(stage=stage)),
}
