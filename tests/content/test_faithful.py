"""The public site says what the partnership's own text says (seed 000_98ced78c071febbe.txt), nothing more: every
heading and document of the seed is on the site once, nothing the seed lacks; every document a page names is
linked, every outside resource linked and marked as external; a document kept unpublished is never offered."""

import io
import re
from pathlib import Path

import pytest

from boards import demo as boards_demo
from boards.models import Board
from content import demo as content_demo
from content.models import Page, Publication
from partnership import demo as partnership_demo
from partnership.models import User
from reviews import demo as reviews_demo
from tests.content.test_site_tree import SEED_HEADINGS
from tests.html import page as soup
from tests.html import text

pytestmark = pytest.mark.django_db

# The partnership's own text, as given to the project (../shared/seeds/), kept in the repository beside the demo
# content made from it, so that this check runs on every checkout.
SEED = Path(__file__).parent / "seed" / "000_98ced78c071febbe.txt"

# Each document the seed names (its words, verbatim) -> the publication that records it.
SEED_DOCUMENTS = {
    "multi-agency arrangements for child safeguarding can be viewed": "Barnet multi-agency safeguarding arrangements",
    "A visual guide for our governance": "A visual guide to our governance",
    "published a review of new LSCP": "Review of the new local safeguarding children partnerships (2021)",
    "Please find the report, produced by Red Quadrant": "First annual independent scrutiny report (Red Quadrant)",
    "latest independent scrutiny report dated January 2024": "Independent scrutiny report, January 2024",
    "2020-21 Annual Report": "Annual Report 2020-21",
    "2021-22 Annual Report": "Annual Report 2021-22",
    "2022-23 Annual Report": "Annual Report 2022-23",
    "Our 2024/25 Business Plan": "Business Plan 2024/25",
    "The Leadership Forum provide strategic direction": "Leadership Forum terms of reference",
    "The Performance and Quality Assurance Panel has a crucial scrutiny": (
        "Performance and Quality Assurance Panel terms of reference"
    ),
    "is an independently chaired meeting looking at serious safeguarding incidents": (
        "Learning and Thematic Review Group terms of reference"
    ),
    "' Case for Consideration ' meeting and template form": "Case for Consideration: process and template form",
    "Child A CSPR - May 2023": "Child A CSPR",
    "7 minute briefing\n": "7-minute briefing: Child A CSPR",
    "Child L local CSPR": "Child L local CSPR",
    "Child L 7 minute briefing for multi agency services": "7-minute briefing: Child L local CSPR",
    "Child G final report and action plan": "Child G final report and action plan",
    "Briefing note: Child G": "Briefing note: Child G",
    "Non-mobile children bruising and injury protocol 2019": "Non-mobile children bruising and injury protocol (2019)",
    "Pathway for non-mobile children bruising and injury 2019": (
        "Pathway for non-mobile children bruising and injury (2019)"
    ),
    "Leaflet for parents and carers": "Bruising in babies: leaflet for parents and carers",
    "Child E report": "Child E report",
    "Child E action plan": "Child E action plan",
    "SCR Child A, May 2016\n\nChild A report": "Child A report (serious case review, 2016)",
    "Child D executive summary": "Child D executive summary",
    "Child S report": "Child S report",
    "This protocol is to be found here": "Resolution policy: professional disagreements and escalation",
    "pan-London Data Sharing Agreement": "Pan-London Data Sharing Agreement",
    "CSE License Information": "CSE licence information",
    "BSCP Tobacco and Electric Cigarettes Information": "Tobacco and electronic cigarettes information",
    "BSCP Safeguarding Children Policy for Licensed Premises": "Safeguarding children policy for licensed premises",
    "BSCP Explosives License and Fireworks Registration": "Explosives licence and fireworks registration",
    "recent multi-agency audits on child sexual abuse": "Multi-agency audit: child sexual abuse (7-minute briefing)",
    "child sexual abuse and vulnerable adolescents": "Multi-agency audit: vulnerable adolescents (7-minute briefing)",
    "The latest version of the audit tool can be found here": "Section 11 audit tool",
    "(called a Safeguarding Checklist) for Voluntary, Community and Faith Sector organisations": (
        "VCFS Safeguarding Checklist"
    ),
}
# Documents the partnership chose not to publish: recorded, said so, never offered.
NOT_PUBLISHED = {"Child A CSPR"}

# Pages that are the site's own furniture rather than a heading of the seed (the accessibility statement, privacy
# and cookies pages are templates, not pages): sections that group the seed's pages.
FURNITURE_PAGES = {"Case reviews and learning", "Working together"}

# Resources of other organisations the seed points to -> their public address (seed or official homepage).
EXTERNAL = {
    "London Child Protection Procedures": "https://www.londonsafeguardingchildrenprocedures.co.uk/",
    "library of serious case reviews": "https://learning.nspcc.org.uk/case-reviews/national-case-review-repository",
    "thematic briefings on learning from case reviews": "https://learning.nspcc.org.uk/case-reviews",
    "National Child Safeguarding Practice Review Panel": (
        "https://www.gov.uk/government/organisations/child-safeguarding-practice-review-panel"
    ),
    "Report a serious child safeguarding incident": (
        "https://www.gov.uk/guidance/report-a-serious-child-safeguarding-incident"
    ),
    "Working Together to Safeguard Children": (
        "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"
    ),
    "advice on information sharing": (
        "https://www.gov.uk/government/publications/safeguarding-practitioners-information-sharing-advice"
    ),
}


@pytest.fixture
def published_site(db):
    """Everything `load_demo` puts on the public site: pages, publications, boards, the published reviews."""
    partnership_demo.load(io.StringIO())
    content_demo.load(io.StringIO())
    boards_demo.load(io.StringIO())
    reviews_demo.load_published(User.objects.get(email="manager@bscp.example"))


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_the_phrases_tested_are_the_seeds_own_words():
    seed = seed_text()
    assert [phrase for phrase in SEED_DOCUMENTS if phrase not in seed] == []
    assert [heading for heading in SEED_HEADINGS if heading not in seed] == []


def test_every_seed_heading_is_a_page_a_section_a_publication_or_a_board(published_site):
    on_site = set(Page.objects.values_list("title", flat=True))
    on_site |= set(Publication.objects.values_list("title", flat=True))
    on_site |= set(Board.objects.values_list("name", flat=True))
    for body in Page.objects.values_list("body", flat=True):
        on_site |= {line.lstrip("#").strip() for line in body.splitlines() if line.startswith("#")}
    assert [ours for ours in SEED_HEADINGS.values() if ours not in on_site] == []


def test_every_page_is_a_seed_heading_or_furniture(published_site):
    pages = set(Page.objects.values_list("title", flat=True))
    assert pages - set(SEED_HEADINGS.values()) == FURNITURE_PAGES


def test_every_document_the_seed_names_is_one_publication_and_there_is_no_other(published_site):
    titles = list(Publication.objects.values_list("title", flat=True))
    assert [title for title in SEED_DOCUMENTS.values() if titles.count(title) != 1] == []
    assert sorted(set(titles) - set(SEED_DOCUMENTS.values())) == []


def test_a_document_kept_unpublished_is_said_so_and_never_offered(client, published_site):
    assert set(Publication.objects.exclude(not_published_reason="").values_list("title", flat=True)) == NOT_PUBLISHED
    record = Publication.objects.get(title="Child A CSPR")
    response = client.get(record.get_absolute_url())
    said = text(response)
    assert "The partnership decided not to publish this document." in said
    assert "protect the identity of those involved" in said
    assert "ask for a copy" not in said.lower() and "not online yet" not in said
    assert not soup(response).select("main a[href*=download]")
    assert client.get(f"{record.get_absolute_url()}download/").status_code == 404
    listing = text(client.get("/publications/", {"type": "case_review_report"}))
    assert "Case review report, 1 May 2023. Not published" in listing
    briefing = client.get(Publication.objects.get(title="7-minute briefing: Child A CSPR").get_absolute_url())
    assert "not publish" not in text(briefing)


def public_addresses() -> list[str]:
    addresses = ["/", "/publications/", "/boards/", "/boards/governance/", "/contact/", "/accessibility/"]
    addresses += ["/privacy/", "/cookies/", "/cdop/notify/", "/boards/raise-an-item/"]
    addresses += [page.get_absolute_url() for page in Page.objects.live()]
    addresses += [publication.get_absolute_url() for publication in Publication.objects.live()]
    addresses += [f"/boards/{slug}/" for slug in Board.objects.values_list("slug", flat=True)]
    return addresses


def test_every_publication_a_public_page_mentions_is_linked(client, published_site):
    publications = {p.title: p.get_absolute_url() for p in Publication.objects.live() if not p.is_withheld}
    unlinked = []
    for address in public_addresses():
        response = client.get(address)
        assert response.status_code == 200, address
        main = soup(response).select_one("main")
        hrefs = {a["href"] for a in main.select("a[href]")}
        for element in main.select("a, h1"):  # a link's words are linked; a publication's own title is itself
            element.decompose()
        words = " ".join(main.get_text(" ").split())
        for title, url in publications.items():
            if title in words and url != address and not any(href.startswith(url) for href in hrefs):
                unlinked.append((address, title))
    assert unlinked == []


def test_the_practice_reviews_page_links_each_document_it_names(client, published_site):
    html = soup(client.get("/case-reviews/practice-reviews/"))
    linked = {a.get_text(" ", strip=True) for a in html.select("main a[href^='/publications/']")}
    named = set(SEED_DOCUMENTS.values()) & {
        title
        for title in Publication.objects.values_list("title", flat=True)
        if "Child" in title or "bruising" in title.lower()
    }
    assert named - NOT_PUBLISHED - linked == set()
    assert len(named - NOT_PUBLISHED) == 13


def test_outside_resources_link_to_their_public_address_marked_as_external(client, published_site):
    found, unmarked = {}, []
    for address in public_addresses():
        for link in soup(client.get(address)).select("main a[href^='http']"):
            words = link.get_text(" ", strip=True)
            if "bscp-external" not in link.get("class", []) or not words.endswith("(external website)"):
                unmarked.append((address, link["href"]))
            if link.get("target"):
                unmarked.append((address, "opens in a new tab"))
            found[link["href"]] = f"{found.get(link['href'], '')} | {words}"
    assert unmarked == []
    missing = {name: href for name, href in EXTERNAL.items() if name not in found.get(href, "")}
    assert missing == {}


def test_publications_shown_on_the_boards_pages_are_not_said_to_be_missing(client, published_site):
    for title in ["Leadership Forum terms of reference", "A visual guide to our governance"]:
        response = client.get(Publication.objects.get(title=title).get_absolute_url())
        assert "not online yet" not in text(response)
        assert soup(response).select("main a[href^='/boards/']")


def test_the_demo_content_has_no_phone_number_or_address_of_its_own():
    words = "".join(path.read_text() for path in content_demo.FOLDER.rglob("*.*"))
    assert not re.search(r"\b0\d{2,4} ?\d{3,4} ?\d{3,4}\b", words)
    assert "@" not in words
