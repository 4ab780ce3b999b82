"""Safe editing: every save of a page or publication is a `Revision`; a published item changes only when an
editor publishes its draft revision (now, or at a scheduled time).

- `edit_save`: the editor's "Save". A published item keeps what visitors see; the edited fields become its draft
  revision (replacing an earlier draft, which is kept). A draft item (not on the site) is saved at once through
  `services.page_update` / `publication_update`, and the revision is kept as its record.
- `revision_publish`: the draft revision's fields are saved onto the item, which is published if it was a draft;
  with `publish_at` in the future it is scheduled instead (`revisions_publish_due` publishes it when due).
- `revision_restore`: an earlier revision becomes the draft again (a published item) or is saved (a draft item).
Every write checks the item's `version` (`partnership.locking`), so a second tab cannot save or publish over a
newer save; saving a draft revision moves the version on too.
"""

import json

from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Model, QuerySet
from django.tasks import default_task_backend, task
from django.utils import timezone

from content import services
from content.models import Page, Publication, Revision, Status
from partnership.errors import Refusal
from partnership.locking import check_version
from partnership.models import Theme

PAGE_FIELDS = ("title", "slug", "parent", "position", "summary", "body", "publish_at", "unpublish_at", "review_by")
PUBLICATION_FIELDS = (
    "title",
    "kind",
    "published_on",
    "summary",
    "body",
    "file",
    "not_published_reason",
    "themes",
    "publish_at",
    "unpublish_at",
    "review_by",
)
GONE = "This draft has already been published or replaced. Open the page again to see the latest version."


def fields_of(item) -> tuple[str, ...]:
    return PAGE_FIELDS if isinstance(item, Page) else PUBLICATION_FIELDS


def _of(item) -> dict:
    return {"page": item} if isinstance(item, Page) else {"publication": item}


def draft_of(item) -> Revision | None:
    """The item's draft revision waiting to be published, if any."""
    return Revision.objects.filter(**_of(item), state=Revision.State.DRAFT).select_related("created_by").first()


def snapshot(item) -> dict:
    """The item's editable fields as stored in a revision (JSON: ids for relations, the file's name)."""
    data = {}
    for name in fields_of(item):
        if name == "parent":
            data[name] = item.parent_id
        elif name == "themes":
            data[name] = sorted(item.themes.values_list("pk", flat=True)) if item.pk else []
        elif name == "file":
            data[name] = item.file.name or ""
        else:
            data[name] = getattr(item, name)
    return _json(data)


def _json(data: dict) -> dict:
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _serialise(item, fields: dict) -> dict:
    """The form's values as revision data: a new file is stored now (privately) and kept by its name."""
    data = {}
    for name, value in fields.items():
        if name not in fields_of(item):
            continue
        if isinstance(value, Model):
            value = value.pk
        elif isinstance(value, (QuerySet, list, tuple)):
            value = sorted(v.pk if isinstance(v, Model) else int(v) for v in value)
        elif name == "file":
            if isinstance(value, UploadedFile):
                field = Publication._meta.get_field("file")
                value = field.storage.save(field.generate_filename(item, value.name), value)
            elif value is False:  # "remove the file" ticked
                value = ""
            elif value is None:
                value = item.file.name or ""
            else:
                value = getattr(value, "name", value) or ""
        data[name] = value
    return _json(data)


def _values(item, data: dict) -> dict:
    """Revision data back to the values a service takes."""
    values = {}
    model = type(item)
    for name in fields_of(item):
        if name not in data:
            continue
        value = data[name]
        if name == "parent":
            values[name] = Page.objects.filter(pk=value).first() if value else None
        elif name == "themes":
            values[name] = Theme.objects.filter(pk__in=value or [])
        elif name == "file":
            values[name] = value or ""
        else:
            values[name] = model._meta.get_field(name).to_python(value)
    return values


def item_with(item, data: dict):
    """An unsaved copy of the item showing the revision's fields: what the public will see once it is published."""
    copy = type(item).objects.get(pk=item.pk)
    values = _values(item, data)
    themes = values.pop("themes", None)
    for name, value in values.items():
        setattr(copy, name, value)
    if themes is not None:
        copy._prefetched_objects_cache = {"themes": themes}
    return copy


def _apply(item, data: dict, *, by):
    values = _values(item, data)
    if isinstance(item, Page):
        return services.page_update(page=item, by=by, **values)
    return services.publication_update(publication=item, by=by, **values)


def _locked(item, version):
    check_version(item, version)
    return type(item).objects.select_for_update().get(pk=item.pk)


def _keep(item, data: dict, *, by, note: str = "") -> Revision:
    """Save `data` as the item's newest revision: the draft of a published item, or saved onto a draft item.
    The first time, the item as it was is kept first (so the version before any edit can be compared and restored)."""
    if not Revision.objects.filter(**_of(item)).exists():
        Revision.objects.create(
            **_of(item),
            data=snapshot(item),
            state=Revision.State.PUBLISHED if item.status == Status.PUBLISHED else Revision.State.APPLIED,
            note="As it was before it was first edited here",
            created_at=item.updated_at,
            created_by=item.published_by or by,
            published_at=item.published_at,
            published_by=item.published_by,
        )
    Revision.objects.filter(**_of(item), state=Revision.State.DRAFT).update(state=Revision.State.REPLACED)
    if item.status == Status.PUBLISHED:
        type(item).objects.filter(pk=item.pk).update(version=F("version") + 1)  # an older tab is now stale
        state = Revision.State.DRAFT
    else:
        _apply(item, data, by=by)
        state = Revision.State.APPLIED
    return Revision.objects.create(**_of(item), data=data, state=state, note=note, created_by=by)


@transaction.atomic
def edit_save(item, *, by, expected_version: int | None, themes=None, **fields) -> Revision:
    """The editor's "Save": a draft revision of a published item (the site unchanged), or the draft item saved."""
    if themes is not None:
        fields["themes"] = themes
    item = _locked(item, expected_version)
    draft = draft_of(item)
    data = {**(draft.data if draft else snapshot(item)), **_serialise(item, fields)}
    return _keep(item, data, by=by)


@transaction.atomic
def revision_publish(*, revision: Revision, by, version: int | None, publish_at=None) -> Revision:
    """Put the draft on the site: now, or (`publish_at` in the future) at that time."""
    item = _locked(revision.item, version)
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    if revision.state != Revision.State.DRAFT:
        raise Refusal(GONE)
    if publish_at and publish_at > timezone.now():
        revision.publish_at, revision.published_by = publish_at, by
        revision.save(update_fields=["publish_at", "published_by"])
        type(item).objects.filter(pk=item.pk).update(version=F("version") + 1)
        transaction.on_commit(lambda: _schedule(revision))
        return revision
    item = _apply(item, revision.data, by=by)
    if item.status == Status.DRAFT:
        services._publish(item, by=by)
    revision.state, revision.published_at, revision.published_by = Revision.State.PUBLISHED, timezone.now(), by
    revision.save(update_fields=["state", "published_at", "published_by"])
    return revision


@transaction.atomic
def revision_unschedule(*, revision: Revision, by, version: int | None) -> Revision:
    """A scheduled draft goes back to waiting: it will not be published at its time."""
    item = _locked(revision.item, version)
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    if revision.state != Revision.State.DRAFT or not revision.publish_at:
        raise Refusal(GONE)
    revision.publish_at, revision.published_by = None, None
    revision.save(update_fields=["publish_at", "published_by"])
    type(item).objects.filter(pk=item.pk).update(version=F("version") + 1)
    return revision


@transaction.atomic
def revision_restore(*, revision: Revision, by, version: int | None) -> Revision:
    """An earlier version becomes the newest: the draft of a published item, or saved onto a draft item."""
    item = _locked(revision.item, version)
    when = timezone.localtime(revision.created_at)
    return _keep(item, dict(revision.data), by=by, note=f"Restored from the version of {when:%-d %B %Y %H:%M}")


def revisions_publish_due(now=None) -> int:
    """Publish every scheduled draft whose time has come (the task `publish_due_revisions`, queued for
    the scheduled time; also `manage.py publish_due_revisions`)."""
    now = now or timezone.now()
    done = 0
    for pk in Revision.objects.filter(state=Revision.State.DRAFT, publish_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            revision = Revision.objects.select_for_update().get(pk=pk)
            if revision.state != Revision.State.DRAFT or not revision.publish_at or revision.publish_at > now:
                continue
            by = revision.published_by or revision.created_by
            item = _apply(type(revision.item).objects.get(pk=revision.item.pk), revision.data, by=by)
            if item.status == Status.DRAFT:
                services._publish(item, by=by)
            revision.state, revision.published_at, revision.published_by = Revision.State.PUBLISHED, now, by
            revision.save(update_fields=["state", "published_at", "published_by"])
            done += 1
    return done


@task
def publish_due_revisions() -> int:
    return revisions_publish_due()


def _schedule(revision: Revision) -> None:
    """Ask the task worker to publish at the scheduled time (a backend that cannot wait: the management command)."""
    if default_task_backend.supports_defer:
        publish_due_revisions.using(run_after=revision.publish_at).enqueue()
