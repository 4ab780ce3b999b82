"""The CDOP app's models, one module per concept."""

from cdop.models.analysis import PanelAnalysis
from cdop.models.cases import (
    CHILD_DEATH_CASE_STAGES,
    JAR_HOME_VISIT,
    JAR_MEETING,
    LONG,
    SHORT,
    TRIAGE,
    ChildDeathCase,
    ChildIdentity,
    JointAgencyResponse,
)
from cdop.models.form_b import FORM_B_DUE, FORM_B_REQUEST_STAGES, OPEN_STAGES, FormBRequest
from cdop.models.form_b_attachments import FormBAttachment
from cdop.models.form_b_questions import FORM_B_FIELDS, FORM_B_PARTS, FORM_B_SECTIONS, REQUIRED_AT_SUBMISSION
from cdop.models.panel import AGENDA_STAGES, PanelAgendaItem, PanelMeeting
from cdop.models.reminders import FormBReminder

__all__ = [
    "AGENDA_STAGES",
    "CHILD_DEATH_CASE_STAGES",
    "FORM_B_DUE",
    "FORM_B_FIELDS",
    "FORM_B_PARTS",
    "FORM_B_REQUEST_STAGES",
    "FORM_B_SECTIONS",
    "JAR_HOME_VISIT",
    "JAR_MEETING",
    "OPEN_STAGES",
    "REQUIRED_AT_SUBMISSION",
    "LONG",
    "SHORT",
    "TRIAGE",
    "ChildDeathCase",
    "ChildIdentity",
    "FormBAttachment",
    "FormBReminder",
    "FormBRequest",
    "JointAgencyResponse",
    "PanelAgendaItem",
    "PanelAnalysis",
    "PanelMeeting",
]
