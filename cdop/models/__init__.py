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
from cdop.models.form_b import FORM_B_DUE, FORM_B_REQUEST_STAGES, FORM_B_SECTIONS, FormBRequest
from cdop.models.panel import AGENDA_STAGES, PanelAgendaItem, PanelMeeting

__all__ = [
    "AGENDA_STAGES",
    "CHILD_DEATH_CASE_STAGES",
    "FORM_B_DUE",
    "FORM_B_REQUEST_STAGES",
    "FORM_B_SECTIONS",
    "JAR_HOME_VISIT",
    "JAR_MEETING",
    "LONG",
    "SHORT",
    "TRIAGE",
    "ChildDeathCase",
    "ChildIdentity",
    "FormBRequest",
    "JointAgencyResponse",
    "PanelAgendaItem",
    "PanelAnalysis",
    "PanelMeeting",
]
