"""What a return needs before it can be submitted, declared as data and checked by one validator.

Each requirement names where it applies (an area or a criterion), when it applies, what counts as filled in,
and the message the organisation sees in the list of what is missing.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

ALWAYS = lambda area, item: True  # noqa: E731


@dataclass(frozen=True)
class Requirement:
    level: str  # "area" (item is the AreaResponse) or "criterion" (item is (Criterion, CriterionResponse))
    field: str
    applies: Callable
    filled: Callable
    message: str


def _rating(area_view) -> str:
    return area_view.response.rating if area_view.response else ""


REQUIRED_AT_SUBMISSION = [
    Requirement("area", "rating", ALWAYS, lambda a, r: bool(r and r.rating), "Give a rating for “{area}”"),
    Requirement(
        "area", "not_applicable_reason", lambda a, r: _rating(a) == "na",
        lambda a, r: bool(r.not_applicable_reason.strip()), "Say why “{area}” does not apply",
    ),
    Requirement(
        "area", "actions", lambda a, r: _rating(a) in ("amber", "red"),
        lambda a, r: bool(r.actions.all()), "Add at least one key action, with an owner and a date, for “{area}”",
    ),
    Requirement(
        "criterion", "how_met", lambda a, item: item[0].is_required and _rating(a) != "na",
        lambda a, item: bool(item[1] and item[1].how_met.strip()),
        "Describe how your organisation meets “{criterion}” in “{area}”",
    ),
]  # fmt: skip


AREA_ANCHORS = {"actions": "#id_a0-action"}


@dataclass(frozen=True)
class Missing:
    message: str
    url: str


def area_missing(audit_return, area_view) -> list[Missing]:
    url = reverse("audits:area-edit", args=[audit_return.pk, area_view.area.pk])
    missing = []
    for rule in REQUIRED_AT_SUBMISSION:
        items = [area_view.response] if rule.level == "area" else area_view.criteria
        for index, item in enumerate(items):
            if rule.applies(area_view, item) and not rule.filled(area_view, item):
                criterion = item[0].text if rule.level == "criterion" else ""
                anchor = AREA_ANCHORS.get(rule.field, f"#id_{rule.field}")
                if rule.level == "criterion":
                    anchor = f"#id_c{index}-{rule.field}"
                message = rule.message.format(area=area_view.area.title, criterion=_short(criterion))
                missing.append(Missing(message, url + anchor))
    return missing


def missing_items(page) -> list[Missing]:
    """Everything still missing from a return, area by area, in the order of the tool."""
    return [item for area_view in page.areas for item in area_missing(page.audit_return, area_view)]


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
