"""Counting the queries a page makes, the same way in every test that compares two scales."""

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone


def queries_for(client, url) -> tuple[int, object]:
    """How many queries one GET of `url` takes once the session and the site-wide caches are warm, and its response
    (a streamed export is read to its end, inside the count, and its bytes left in `response.body`).

    The page is asked for twice with the clock stopped, and the second request is counted: the session write due
    once a minute (`SessionIdleMiddleware`) and any cache entry that has just expired fall in the first, however
    long the test took to build its data. (The public page cache is off in tests, `PUBLIC_CACHE_SECONDS = 0`,
    so a public page is built again for the counted request.)
    """
    with time_machine.travel(timezone.now(), tick=False):
        _read(client.get(url))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            assert response.status_code == 200, url
            _read(response)
    return len(captured), response


def queries(client, url) -> int:
    return queries_for(client, url)[0]


def _read(response) -> None:
    if response.streaming:
        response.body = b"".join(response.streaming_content)
