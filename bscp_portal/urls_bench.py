"""The portal's pages plus `/bench/bare/`, for `make bench` only (`bscp_portal.settings.bench`).

The bare view does nothing: what it costs is the cost of the middleware every page goes through (and, for a
signed-in visitor, of loading and saving their session). The benchmark reports each page's rate against it.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from bscp_portal.urls import handler403, handler404, handler500
from bscp_portal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


@login_not_required
def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *portal_urlpatterns]
