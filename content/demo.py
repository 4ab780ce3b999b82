"""Demo content: the partnership's website as pages and publications, from the files in `demo_content/`
(rewritten from the partnership's own text, with roles in place of people's names). Safe to load again: pages
are matched by address, publications by title. Case review reports are not here: the reviews app publishes
them through `content.services.publication_add`."""

import json
from datetime import date
from pathlib import Path

from content import services
from content.models import Page, Publication, Status
from partnership.models import Theme, User

FOLDER = Path(__file__).resolve().parent / "demo_content"


def read_page(path: Path) -> tuple[dict, str]:
    """A page file: `name: value` lines, a `---` line, then the Markdown body."""
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    fields = dict(line.split(": ", 1) for line in head.strip().splitlines())
    return fields, body.strip()


def page_files() -> list[Path]:
    return sorted((FOLDER / "pages").glob("*.md"))


def load(stdout) -> None:
    editor = User.objects.filter(email="manager@bscp.example").first()
    pages = 0
    for path in page_files():
        fields, body = read_page(path)
        parent = Page.objects.get(path=fields["parent"]) if fields.get("parent") else None
        address = f"{parent.path}/{fields['slug']}" if parent else fields["slug"]
        if Page.objects.filter(path=address).exists():
            continue
        page = services.page_create(
            title=fields["title"],
            slug=fields["slug"],
            summary=fields["summary"],
            body=body,
            parent=parent,
            position=int(fields.get("position", 0)),
            by=editor,
        )
        services.page_publish(page=page, by=editor)
        pages += 1
    publications = 0
    for item in json.loads((FOLDER / "publications.json").read_text(encoding="utf-8")):
        if Publication.objects.filter(title=item["title"]).exists():
            continue
        publication = services.publication_create(
            title=item["title"],
            kind=item["kind"],
            summary=item["summary"],
            body=item.get("body", ""),
            published_on=date.fromisoformat(item["published_on"]),
            themes=Theme.objects.filter(slug__in=item.get("themes", [])),
            by=editor,
        )
        services.publication_publish(publication=publication, by=editor)
        publications += 1
    live = Page.objects.filter(status=Status.PUBLISHED).count()
    stdout.write(f"  {pages} pages and {publications} publications added ({live} pages published in all)")
