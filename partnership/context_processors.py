from functools import cache

from django.apps import apps
from django.urls import reverse

from partnership.selectors import rights_held


@cache
def _declared(attribute: str) -> tuple:
    """Menu entries the apps declare on their AppConfig: (label, url name, permission or None); public first."""
    entries = [entry for config in apps.get_app_configs() for entry in getattr(config, attribute, ())]
    return tuple(sorted(entries, key=lambda entry: entry[2] is not None))


def held(user) -> set[str]:
    """The permissions a person's roles give them. Unlike `has_perm`, a superuser does not hold every one, so
    the administrator's menu shows only what their roles open rather than pages that would answer 404."""
    if not (user.is_authenticated and user.is_verified()):
        return set()  # on the second-factor step the menu stays the public one
    return rights_held(user)


def _entries(request, attribute: str) -> list[dict]:
    user = getattr(request, "user", None)
    current = request.resolver_match.view_name if getattr(request, "resolver_match", None) else None
    entries = []
    for label, url_name, permission in _declared(attribute):
        if permission and not (user and permission in held(user)):
            continue
        entries.append({"label": label, "url": reverse(url_name), "active": url_name == current})
    return entries


def site(request):
    """What the layout needs on every page: the menu and the footer links. The partnership's contact details
    come from `SiteSettings` through the `site_detail` tag (partnership/templatetags/site_details.py)."""
    return {
        "navigation": _entries(request, "navigation"),
        "footer_links": _entries(request, "footer_links"),
    }
