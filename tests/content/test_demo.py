import io

import pytest

from content import demo
from content.models import Page, Publication, Status

pytestmark = pytest.mark.django_db

# Real people named in the partnership's website text: the demo uses their roles instead.
REAL_NAMES = ["Goodridge", "Hooton", "Loader", "Otiti", "Terri Graham", "Alan Wood"]


def test_the_demo_loads_every_section_once_and_again_adds_nothing(demo_site):
    pages, publications = Page.objects.count(), Publication.objects.count()
    assert pages == len(demo.page_files())
    assert not Page.objects.exclude(status=Status.PUBLISHED).exists()
    demo.load(io.StringIO())
    assert (Page.objects.count(), Publication.objects.count()) == (pages, publications)


def test_documents_the_site_points_to_are_records_without_a_file(demo_site):
    assert Publication.objects.filter(file="").count() == Publication.objects.count() >= 25
    kinds = set(Publication.objects.values_list("kind", flat=True))
    assert {"annual_report", "independent_scrutiny", "business_plan", "terms_of_reference", "audit_tool"} <= kinds


def test_case_review_reports_are_left_to_the_reviews_app(demo_site):
    # Only the action plan the site lists beside the Child E report; the reports come from the reviews app.
    reports = Publication.objects.filter(kind=Publication.Kind.CASE_REVIEW_REPORT)
    assert list(reports.values_list("title", flat=True)) == ["Child E action plan"]


def test_no_real_persons_name_is_in_the_demo_content():
    text = "".join(path.read_text() for path in demo.FOLDER.rglob("*.*"))
    assert not [name for name in REAL_NAMES if name in text]
    assert "@" not in text
