"""The person's calendar feed: the page to make, copy and reset its address, and the feed itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from partnership import calendar_feed, permissions
from partnership.antispam import client_address, rate_limit_exceeded, rate_limit_reached
from partnership.links import absolute_url
from partnership.models import CalendarFeed
from partnership.services import access_record

NEW_ADDRESS_KEY = "calendar_feed_token"  # the session key holding a new token until the page has shown it once
# Unknown addresses tried from one address in an hour before the feed answers "too many" there: a token cannot be
# guessed (256 bits), but nobody should be able to try.
FEED_MISSES = {"scope": "calendar-feed-misses", "limit": 20, "per_seconds": 3600}


@permission_required(permissions.VIEW_MY_WORK, raise_exception=True)
def calendar(request):
    """How to subscribe, and the address: in full only straight after it was made (only its hash is kept)."""
    token = request.session.pop(NEW_ADDRESS_KEY, None)
    context = {
        "feed": CalendarFeed.objects.filter(user=request.user).first(),
        "address": absolute_url(reverse("calendar-feed", args=[token])) if token else "",
        "heading": "Your calendar",
    }
    return render(request, "partnership/calendar.html", context)


@permission_required(permissions.VIEW_MY_WORK, raise_exception=True)
def calendar_reset(request):
    """GET: ask to confirm (an address in use stops working); POST: make the new address and show it once."""
    had_feed = CalendarFeed.objects.filter(user=request.user).exists()
    if request.method != "POST":
        if not had_feed:
            return redirect("calendar")
        return render(request, "partnership/calendar_reset.html", {"heading": "Reset your calendar address?"})
    request.session[NEW_ADDRESS_KEY] = calendar_feed.feed_reset(request.user)
    if had_feed:
        messages.success(request, "Your calendar address has been reset. The old address no longer works.")
    else:
        messages.success(request, "Your calendar address has been made.")
    return redirect("calendar")


@login_not_required
@never_cache
def feed(request, token):
    """The feed a calendar app fetches, without a session: 404 for an unknown or replaced token and for a disabled
    account. Every fetch is in the access log (the path without its token)."""
    if rate_limit_reached(request, scope=FEED_MISSES["scope"], limit=FEED_MISSES["limit"]):
        return HttpResponse("Too many requests", status=429, content_type="text/plain")
    owner = calendar_feed.feed_owner(token)
    if owner is None or not owner.has_perm(permissions.VIEW_MY_WORK):
        rate_limit_exceeded(request, **FEED_MISSES)
        raise Http404
    path = reverse("calendar-feed", args=["TOKEN"])
    access_record(by=owner, subject=owner, action="fetched calendar feed", path=path, address=client_address(request))
    body = calendar_feed.calendar_ics(calendar_feed.events_for(owner), name="BSCP: my deadlines and meetings")
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
