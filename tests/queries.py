from django.db import connection
from django.test.utils import CaptureQueriesContext


def query_count(client, url, data=None) -> int:
    """The queries of one request for `url`, once a first request has filled the caches."""
    client.get(url, data)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(queries)
