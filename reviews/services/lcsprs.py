"""The local child safeguarding practice review (LCSPR): commissioning, reports, pre-publication and publishing."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from partnership.calendar import add_working_days, working_days_between
from partnership.models import Organisation
from partnership.services import deadline_cancel, deadline_meet, deadline_open
from partnership.workflow import advance, lock, start
from reviews.models import Case, Child, Lcspr, Stage
from reviews.models.cases import ReviewDecision
from reviews.services.common import AUDIENCE, not_before, not_in_future, touch

PREPUBLICATION_DUE = "reviews.prepublication_due"
LCSPR_OPEN = (Stage.LCSPR,)
PAST_DATES = {
    "panel_notified_on": "The date the Panel was told",
    "ofsted_notified_on": "The date Ofsted was told",
    "dfe_notified_on": "The date DfE was told",
    "draft_on": "The date of the draft report",
    "final_on": "The date of the final report",
    "prepublication_sent_on": "The date the pre-publication copy was sent",
}


@transaction.atomic
def lcspr_update(*, case: Case, by, version: int | None = None, **fields) -> Lcspr:
    """Reviewer, terms of reference, the notifications naming the reviewer, report dates and the planned
    publication (which sets the pre-publication copy's clock). From: LCSPR."""
    case = lock(case, version=version, stages=LCSPR_OPEN, doing="update the LCSPR")
    lcspr = case.lcspr
    for name, value in fields.items():
        setattr(lcspr, name, value)
    for name, label in PAST_DATES.items():
        not_in_future(getattr(lcspr, name), name, label)
        not_before(getattr(lcspr, name), lcspr.decided_on, name, label, "the decision")
    not_before(lcspr.final_on, lcspr.draft_on, "final_on", "The date of the final report", "the draft")
    not_before(
        lcspr.planned_publication_on,
        lcspr.decided_on,
        "planned_publication_on",
        "The planned publication",
        "the decision",
    )
    told = any(getattr(lcspr, name) for name in ("panel_notified_on", "ofsted_notified_on", "dfe_notified_on"))
    if told and not lcspr.reviewer.strip():
        raise ValidationError(
            {"reviewer": "Name the independent reviewer: the Panel, Ofsted and DfE are told who it is"}
        )
    if lcspr.planned_publication_on:
        lcspr.prepublication_due_on = add_working_days(
            lcspr.planned_publication_on, -settings.LCSPR_PREPUBLICATION_WORKING_DAYS
        )
        if lcspr.prepublication_sent_on:
            deadline_meet(subject=case, kind=PREPUBLICATION_DUE, by=by, on=lcspr.prepublication_sent_on)
        else:
            deadline_open(
                subject=case,
                kind=PREPUBLICATION_DUE,
                title=f"Send the pre-publication copy for {case.reference} to the Panel and the Secretary of State",
                due_on=lcspr.prepublication_due_on,
                audience_permission=AUDIENCE,
            )
    lcspr.full_clean()
    lcspr.save()
    touch(case)
    return lcspr


# What the partnership chooses to publish (the publish step's choice).
REPORT_AND_BRIEFING = "report_and_briefing"
LEARNING_ONLY = "learning_only"
PUBLISHING = {
    REPORT_AND_BRIEFING: "Publish the report and its 7-minute briefing",
    LEARNING_ONLY: "Publish the learning only (the 7-minute briefing) and keep the report unpublished",
}


def _publish(
    lcspr: Lcspr,
    *,
    summary: str,
    published_on: date,
    themes,
    by,
    report=None,
    briefing=None,
    with_report=True,
    with_briefing=True,
    report_not_published: str = "",
):
    """The public records: the report (unless kept unpublished) and its 7-minute briefing, by pseudonym only,
    each with its document. A historic report the partnership chose not to publish is recorded as such
    (`report_not_published`, its reason): a record that says so, never the document."""
    from content.services import publication_add  # the case app hands work to content through its services

    common = {"summary": summary, "published_on": published_on, "themes": themes, "by": by}
    if with_report or report_not_published:
        report = publication_add(
            title=lcspr.title,
            kind="case_review_report",
            file=None if report_not_published else report,
            not_published_reason=report_not_published,
            **common,
        )
        lcspr.report_publication_id = report.pk
    if with_briefing:
        briefing = publication_add(
            title=f"7-minute briefing: {lcspr.title}", kind="seven_minute_briefing", file=briefing, **common
        )
        lcspr.briefing_publication_id = briefing.pk
    lcspr.report_kept_unpublished = not with_report or bool(report_not_published)


def _documents(publishing: str, report, briefing) -> None:
    """A publication is its document: refuse pages with nothing to read."""
    if publishing not in PUBLISHING:
        raise ValidationError({"publishing": "Choose what to publish"})
    if not briefing:
        raise ValidationError({"briefing": "Upload the 7-minute briefing as a PDF"})
    if publishing == REPORT_AND_BRIEFING and not report:
        raise ValidationError({"report": "Upload the report as a PDF, or choose to publish the learning only"})
    if publishing == LEARNING_ONLY and report:
        raise ValidationError(
            {"report": "Remove the report: it is kept unpublished, so it is not uploaded to the public site"}
        )


def default_title(case: Case) -> str:
    return f"{case.pseudonyms}: local child safeguarding practice review"


@transaction.atomic
def lcspr_publish(
    *,
    case: Case,
    published_on: date,
    summary: str,
    by,
    briefing=None,
    report=None,
    publishing: str = REPORT_AND_BRIEFING,
    title: str = "",
    themes=(),
    version: int | None = None,
) -> Case:
    """Publish the final report and its 7-minute briefing (each its PDF), or the learning only with the report
    kept unpublished (as for Child A in 2023): at least 7 working days (setting) after the pre-publication copy
    went to the Panel and the Secretary of State. From: LCSPR."""
    lcspr = getattr(case, "lcspr", None)
    due_on = lcspr.target_completion_on if lcspr else None
    with advance(case, "publish_lcspr", by=by, version=version, on=published_on, due_on=due_on) as case:
        lcspr = case.lcspr
        if not lcspr.final_on:
            raise ValidationError({"published_on": "Record the date of the final report before publishing"})
        if not lcspr.prepublication_sent_on:
            raise ValidationError({"published_on": "Send the pre-publication copy before publishing"})
        not_in_future(published_on, "published_on", "The publication date")
        not_before(published_on, lcspr.final_on, "published_on", "The publication date", "the final report")
        gap = settings.LCSPR_PREPUBLICATION_WORKING_DAYS
        if working_days_between(lcspr.prepublication_sent_on, published_on) < gap:
            raise ValidationError(
                {"published_on": f"Publish at least {gap} working days after the pre-publication copy was sent"}
            )
        if not summary.strip():
            raise ValidationError({"summary": "Enter a summary for the public page, by pseudonym only"})
        _documents(publishing, report, briefing)
        lcspr.title = title.strip() or lcspr.title or default_title(case)
        lcspr.published_summary, lcspr.published_on = summary, published_on
        _publish(
            lcspr,
            summary=summary,
            published_on=published_on,
            themes=themes,
            by=by,
            report=report,
            briefing=briefing,
            with_report=publishing == REPORT_AND_BRIEFING,
        )
        lcspr.full_clean()
        lcspr.save()
        if themes:
            case.themes.add(*themes)
    return case


@transaction.atomic
def historic_review_record(
    *,
    pseudonym: str,
    published_on: date,
    title: str,
    summary: str,
    referring_organisation: Organisation,
    by=None,
    joint_with: str = "",
    briefing: bool = False,
    report_not_published: str = "",
) -> Case:
    """A review published before the portal, recorded as a published case with its public records: the report
    (or, with `report_not_published`, a record saying why it was not published) and, with `briefing`, its
    7-minute briefing. Only the documents the partnership published: no briefing is made up. Matched by its
    reference, so recording it again changes nothing."""
    reference = f"HIST-{published_on.year}-{pseudonym.removeprefix('Child ').strip()}"
    if existing := Case.objects.filter(reference=reference).first():
        return existing
    case = Case(
        reference=reference,
        referring_organisation=referring_organisation,
        referred_on=published_on - relativedelta(months=12),
        summary=summary,
        decision=ReviewDecision.LCSPR,
        decision_rationale="Published before the portal.",
        decided_on=published_on - relativedelta(months=9),
        is_historic=True,
        created_by=by,
    )
    case.full_clean()
    case.save()
    Child.objects.create(case=case, pseudonym=pseudonym)
    lcspr = Lcspr(
        case=case,
        decided_on=case.decided_on,
        target_completion_on=published_on,
        final_on=published_on,
        published_on=published_on,
        title=title,
        published_summary=summary,
        joint_with=joint_with,
    )
    _publish(
        lcspr,
        summary=summary,
        published_on=published_on,
        themes=(),
        by=by,
        with_briefing=briefing,
        report_not_published=report_not_published,
    )
    lcspr.full_clean()
    lcspr.save()
    start(case, "record_historic_review", by=by, on=published_on)
    deadline_cancel(subject=case)
    return case
