"""Synthetic pages and publications at scale for the benchmark (`manage.py make_scale_data`). Never used by the
demo or tests of behaviour. Safe to run again: it tops the numbers up to `scale`."""

from datetime import date, timedelta

from django.contrib.postgres.search import SearchVector
from django.utils import timezone

from content.models import Page, Publication, Status
from content.search_index import lexicon_rebuild

PREFIX = "scale-"
BATCH = 5000
WORDS = [
    "safeguarding",
    "neglect",
    "exploitation",
    "review",
    "training",
    "audit",
    "briefing",
    "partnership",
    "children",
    "families",
]


def _text(n: int) -> str:
    return " ".join(WORDS[(n + i) % len(WORDS)] for i in range(60))


def load(plan, stdout) -> None:
    now = timezone.now()
    today = timezone.localdate()
    section, _ = Page.objects.get_or_create(
        path="scale-section",
        defaults={
            "slug": "scale-section",
            "title": "Synthetic section",
            "summary": "For the benchmark.",
            "status": Status.PUBLISHED,
            "published_at": now,
        },
    )
    pages = Page.objects.filter(parent=section).count()
    Page.objects.bulk_create(
        (
            Page(
                parent=section,
                slug=f"{PREFIX}{n}",
                path=f"scale-section/{PREFIX}{n}",
                title=f"Synthetic page {n}",
                summary=_text(n)[:200],
                body=_text(n),
                status=Status.PUBLISHED,
                published_at=now - timedelta(days=n % 3650),
                review_by=today + timedelta(days=(n % 400) - 30),  # a few already due for review
            )
            for n in range(pages, plan.pages)
        ),
        batch_size=BATCH,
    )
    publications = Publication.objects.filter(slug__startswith=PREFIX).count()
    kinds = Publication.Kind.values
    Publication.objects.bulk_create(
        (
            Publication(
                slug=f"{PREFIX}{n}",
                title=f"Synthetic publication {n}",
                kind=kinds[n % len(kinds)],
                summary=_text(n)[:200],
                body=_text(n),
                published_on=date(2015 + n % 10, 1 + n % 12, 1),
                status=Status.PUBLISHED,
                published_at=now - timedelta(days=n % 3650),
                review_by=today + timedelta(days=(n % 400) - 30),
            )
            for n in range(publications, plan.publications)
        ),
        batch_size=BATCH,
    )
    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
    Page.objects.filter(path__startswith="scale-section", search_vector=None).update(search_vector=vector)
    Publication.objects.filter(slug__startswith=PREFIX, search_vector=None).update(search_vector=vector)
    lexicon_rebuild()
    stdout.write(f"  {plan.pages} synthetic pages and {plan.publications} synthetic publications")
