from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url) -> tuple[int, object]:
    """How many queries one GET of `url` takes, and its response."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response
