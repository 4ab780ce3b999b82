"""Serious incidents: a case from its consideration to a published review and the actions that follow."""

from reviews.models.actions import Action, ActionUpdate, Rag, Recommendation
from reviews.models.cases import Case, CaseForConsideration, Child, ChildIdentity, Stage
from reviews.models.steps import AgencySummaryRequest, Lcspr, Notification, RapidReview, SignOff

__all__ = [
    "Action",
    "ActionUpdate",
    "AgencySummaryRequest",
    "Case",
    "CaseForConsideration",
    "Child",
    "ChildIdentity",
    "Lcspr",
    "Notification",
    "Rag",
    "RapidReview",
    "Recommendation",
    "SignOff",
    "Stage",
]
