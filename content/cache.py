"""Public pages cached whole for anonymous visitors; any change to the content clears them all.

A page is stored with its CSP nonce replaced by a placeholder and served with the visitor's own nonce, so the
strict Content Security Policy keeps working. Signed-in people, non-GET requests, pages carrying a flash
message and anything but a 200 are never cached. Scheduled publishing needs no job: entries live at most
`PUBLIC_CACHE_SECONDS` (setting, default 300).

Each view declares the query parameters it reads (`@cached_public_page(query=("q", "page"))`). The view sees only
those (the last value of each, empty ones dropped), and the cache key holds only those, so `?a=1`, `?a=2`, ...
share one entry instead of filling the cache, and nothing a visitor adds reaches a cached page.
"""

from functools import partial, wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse, QueryDict

from content.services import PUBLIC_CACHE_VERSION_KEY

NONCE_PLACEHOLDER = "__bscp_csp_nonce__"


def _declared_only(request, names: tuple[str, ...]) -> QueryDict:
    """The request's query string reduced to the declared parameters, in one order, one value each."""
    kept = QueryDict(mutable=True)
    for name in sorted(names):
        if value := request.GET.get(name, ""):
            kept[name] = value
    kept._mutable = False
    return kept


def _key(request) -> str:
    version = cache.get_or_set(PUBLIC_CACHE_VERSION_KEY, 1, timeout=None)
    return f"content:page:{version}:{request.path}?{request.GET.urlencode()}"


def _seconds() -> int:
    return settings.PUBLIC_CACHE_SECONDS


def _showed_messages(request) -> bool:
    return getattr(getattr(request, "_messages", None), "used", False)


def _cacheable(request) -> bool:
    return (
        _seconds() > 0
        and request.method == "GET"
        and not request.user.is_authenticated
        and not len(messages.get_messages(request))
        and len(request.path) + len(request.GET.urlencode()) < 1000
    )


def cached_public_page(view=None, *, query: tuple[str, ...] = ()):
    """Decorate a public view, bare or with the names of the query parameters it reads."""
    if view is None:
        return partial(cached_public_page, query=query)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.GET = _declared_only(request, query)
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        nonce = str(request._csp_nonce)
        if (stored := cache.get(key)) is not None:
            content, content_type = stored
            response = HttpResponse(content.replace(NONCE_PLACEHOLDER, nonce), content_type=content_type)
            response["X-Cache"] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not _showed_messages(request):
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                content = response.content.decode().replace(nonce, NONCE_PLACEHOLDER)
                cache.set(key, (content, response["Content-Type"]), timeout=_seconds())
        return response

    return wrapper
