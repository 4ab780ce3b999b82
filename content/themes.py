"""What the public site offers the learning themes pages (`partnership.themes`): its live publications about a
theme (the publication's "topics")."""

from content.models import Publication


def publications(*, theme_id) -> list[tuple[str, str, object]]:
    """(title, public link, date) of the live publications with the theme, newest first."""
    return [
        (publication.title, publication.get_absolute_url(), publication.published_on)
        for publication in Publication.objects.live().filter(themes=theme_id).order_by("-published_on", "title")
    ]
