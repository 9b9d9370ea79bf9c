"""While the database cannot be reached, every page answers at once with a 503 that says so.

The connection settings (archive/settings.py) make an outage fail fast: a short connect
timeout and a short wait for a pooled connection. What fails then is turned here into
the "temporarily unavailable" page with Retry-After, instead of a generic 500. The page
is rendered without a request context: the context processors would ask the database
for the user.

Once a request has failed so, the process is wary for a while: each request first tries
to open a TCP connection to the database server, and answers 503 at once when that is
refused, without waiting on the pool. When the server answers again, requests go to the
pool as usual, which has time to connect even on a busy machine.
"""

import logging
import socket
import sys
import time

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

RETRY_AFTER_SECONDS = 30
WARY_SECONDS = 60
PROBE_SECONDS = 0.5
# Refused or timed-out connections, an exhausted pool, a connection lost mid-query, a
# statement cancelled by its timeout: all are OperationalError or InterfaceError.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)

logger = logging.getLogger(__name__)


def forget_connection_pools() -> None:
    """Drop the pools, so that the next request connects at once.

    A pool that failed to reconnect retries on a back-off of seconds; the server may be
    back long before its next try. A fresh pool tries as soon as a request asks.
    """
    for connection in connections.all(initialized_only=True):
        if connection.vendor == "postgresql" and connection.settings_dict["OPTIONS"].get("pool"):
            connection.close_pool()


def unavailable_response() -> HttpResponse:
    forget_connection_pools()
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_refuses(connection) -> bool:
    """Whether a TCP connection to the database server fails (a socket file: never)."""
    host, port = connection.settings_dict.get("HOST"), connection.settings_dict.get("PORT")
    if not host or host.startswith("/"):
        return False
    try:
        socket.create_connection((host, int(port or 5432)), timeout=PROBE_SECONDS).close()
    except OSError:
        return True
    return False


class DatabaseUnavailableMiddleware:
    """A view that fails because the database is away gets the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.failed_at = None

    def __call__(self, request):
        if self.failed_at is not None and time.monotonic() - self.failed_at < WARY_SECONDS:
            if any(server_refuses(c) for c in connections.all() if c.vendor == "postgresql"):
                return unavailable_response()
            self.failed_at = None
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        logger.warning("Database unavailable for %s: %s", request.path, exception)
        self.failed_at = time.monotonic()
        return unavailable_response()


def server_error(request):
    """handler500: errors outside the views (in middleware) that the database caused."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return unavailable_response()
    return defaults.server_error(request)
