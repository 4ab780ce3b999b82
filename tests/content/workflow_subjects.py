"""How the machine walk makes a page or a publication at each stage (tests/partnership/test_workflow_machines.py)."""

from content.models import Status
from tests.content.factories import PageFactory, PagePublishedFactory, PublicationFactory, PublicationPublishedFactory
from tests.workflow_subjects import Subject

PAGES = {Status.DRAFT: PageFactory, Status.PUBLISHED: PagePublishedFactory}
PUBLICATIONS = {Status.DRAFT: PublicationFactory, Status.PUBLISHED: PublicationPublishedFactory}

SUBJECTS = {
    "content.Page": Subject(make=lambda stage: PAGES[stage]()),
    "content.Publication": Subject(make=lambda stage: PUBLICATIONS[stage]()),
}
