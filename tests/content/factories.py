"""Factories for the public website, one per editorial state."""

import datetime

import factory
from django.utils import timezone

from content.models import Alert, ContactMessage, Page, Publication, Status


class PageFactory(factory.django.DjangoModelFactory):
    """A draft page at the top of the tree."""

    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    parent = None
    path = factory.LazyAttribute(lambda page: f"{page.parent.path}/{page.slug}" if page.parent else page.slug)
    summary = "What this page is about."
    body = "Some text about safeguarding."


class PagePublishedFactory(PageFactory):
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class PublicationFactory(factory.django.DjangoModelFactory):
    """A draft publication without a file."""

    class Meta:
        model = Publication

    title = factory.Sequence(lambda n: f"Publication {n}")
    slug = factory.Sequence(lambda n: f"publication-{n}")
    kind = Publication.Kind.ANNUAL_REPORT
    summary = "What this publication says."
    published_on = datetime.date(2024, 1, 15)


class PublicationPublishedFactory(PublicationFactory):
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class AlertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alert

    message = "The office is closed on Friday."
    level = Alert.Level.INFORMATION


class ContactMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMessage

    reference = factory.Sequence(lambda n: f"BSCP-TEST{n:04d}")
    name = "A parent"
    email = "parent@example.com"
    subject = "A question"
    message = "Where can I find the annual report?"
