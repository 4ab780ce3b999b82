"""Every heading of the partnership's current website is reachable from the home page in three clicks or fewer,
and search finds the page that carries it."""

from collections import deque
from urllib.parse import urlparse

import pytest

from content.search import search
from tests.html import page as soup

pytestmark = pytest.mark.django_db

# The seed's headings (000_98ced78c071febbe.txt) as the site words them.
SEED_HEADINGS = {
    "About the BSCP": "About the BSCP",
    "About us": "About the BSCP",
    "Our vision": "Our vision",
    "The statutory safeguarding partners in Barnet": "The statutory safeguarding partners in Barnet",
    "Get in touch": "Get in touch",
    "Multi-agency safeguarding arrangements": "Multi-agency safeguarding arrangements",
    "What’s different?": "What's different?",
    "BSCP Annual Reports, Independent Scrutiny reports & Business Plans": (
        "Annual reports, independent scrutiny reports and business plans"
    ),
    "Our boards": "Our boards",
    "Conducting local child safeguarding practice reviews": "Conducting local child safeguarding practice reviews",
    "National Safeguarding Practice Review Panel": "National Child Safeguarding Practice Review Panel",
    "Criteria for local child safeguarding practice reviews (CSPRs)": (
        "Criteria for local child safeguarding practice reviews (CSPRs)"
    ),
    "Child Safeguarding Practice Reviews": "Child safeguarding practice reviews",
    "Child A CSPR - May 2023": "Child A CSPR, May 2023",
    "Child L CSPR - February 2023": "Child L CSPR, February 2023",
    "Learning Review Child G, July 2019": "Learning review Child G, July 2019",
    "SCR Child E, January 2018": "Serious case review Child E, January 2018",
    "SCR Child A, May 2016": "Serious case review Child A, May 2016",
    "SCR Child D, April 2009": "Serious case review Child D, April 2009",
    "SCR Child S, 2008": "Serious case review Child S, 2008",
    "Further information": "Further information",
    "Child Death Overview Panel (CDOP)": "Child Death Overview Panel (CDOP)",
    "Notification of a child death to the CDOP for London Borough of Barnet": (
        "Notification of a child death to the CDOP for the London Borough of Barnet"
    ),
    "Joint Agency Response Meetings": "Joint Agency Response meetings",
    "Resolution policy": "Resolution policy",
    "Information sharing": "Information sharing",
    "What is an information sharing agreement?": "What is an information sharing agreement?",
    "Why do we need to share information?": "Why do we need to share information?",
    "Our Information Sharing Agreement": "Our information sharing agreement",
    "Policies and procedures": "Policies and procedures",
    "Barnet SCP Licensed Procedures": "Barnet SCP licensed procedures",
    "Quality assurance": "Quality assurance",
    "Section 11 audits & safeguarding checklist": "Section 11 audits and safeguarding checklist",
    "What is Section 11 of the Children Act?": "What is Section 11 of the Children Act?",
    "Section 11 audit process": "Section 11 audit process",
    "How to complete the self -assessment": "How to complete the self-assessment",
    "Learning and Improvement Framework": "Learning and Improvement Framework",
}


def crawl(client, depth=3) -> dict[str, dict[str, int]]:
    """Every heading (h1-h3) seen within `depth` clicks of the home page: heading -> {page path: clicks}."""
    seen_paths, headings = {"/"}, {}
    queue = deque([("/", 0)])
    while queue:
        path, clicks = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        html = soup(response)
        for heading in html.select("main h1, main h2, main h3"):
            headings.setdefault(heading.get_text(" ", strip=True), {})[path] = clicks
        if clicks == depth:
            continue
        for link in html.select("a[href]"):
            target = urlparse(link["href"])
            if target.netloc or not target.path.startswith("/") or target.path in seen_paths:
                continue
            seen_paths.add(target.path)
            queue.append((target.path, clicks + 1))
    return headings


def test_every_seed_heading_is_within_three_clicks_of_home_and_found_by_search(client, demo_site):
    headings = crawl(client)
    for seed_heading, ours in SEED_HEADINGS.items():
        assert ours in headings, f"{seed_heading!r} is not reachable within three clicks"
        found = [result.url for result in search(ours)[:10]]
        assert set(headings[ours]) & set(found), f"searching {ours!r} finds none of {set(headings[ours])}: {found}"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rapid review", {"/case-reviews/conducting-reviews/"}),
        # FGM is one of the shared safeguarding themes the annual report covers.
        ("FGM", {"/about/annual-reports/", "/publications/annual-report-2022-23/"}),
        ("Section 11", {"/quality-assurance/section-11-audits/"}),
        ("child death", {"/child-death-overview-panel/"}),
    ],
)
def test_key_searches_find_the_right_page_first(client, demo_site, query, expected):
    response = client.get("/search/", {"q": query})
    first = soup(response).select_one(".bscp-results li a")
    assert first["href"] in expected
    assert soup(response).select_one(".bscp-results mark") is not None
