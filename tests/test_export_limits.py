"""Exports are limited per client and in total, so that downloads cannot starve the pages."""

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections

from tests.factories import make_article

pytestmark = pytest.mark.django_db

EXPORT = "/articles/export.csv"


@pytest.fixture(autouse=True)
def archive(db):
    make_article(title="Turbine order")


def start(client, address):
    """An export whose response is not read yet: it holds its slots until closed."""
    return client.get(EXPORT, REMOTE_ADDR=address)


def finish(response):
    """Read the export to the end; the test client then closes the response."""
    b"".join(response.streaming_content)


def abandon(response):
    """Close the response unread, as a server does when the client hangs up.

    As the test client does, without close_old_connections: it would close the test's
    connection in the middle of its transaction.
    """
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def test_a_client_may_run_two_exports_at_once_but_not_three(client):
    first, second = start(client, "203.0.113.1"), start(client, "203.0.113.1")
    assert first.status_code == second.status_code == 200
    third = start(client, "203.0.113.1")
    assert third.status_code == 429
    assert "still running" in third.content.decode()
    finish(first)
    assert start(client, "203.0.113.1").status_code == 200


def test_all_clients_together_run_at_most_four_exports(client, settings):
    running = [start(client, f"198.51.100.{n}") for n in range(settings.EXPORTS_IN_TOTAL)]
    assert {response.status_code for response in running} == {200}
    refused = start(client, "192.0.2.50")
    assert refused.status_code == 429
    assert "busy" in refused.content.decode()
    assert client.get("/articles/").status_code == 200
    finish(running[0])
    assert start(client, "192.0.2.50").status_code == 200


def test_a_refused_export_frees_the_clients_slot(client, settings):
    running = [start(client, f"198.51.100.{n}") for n in range(settings.EXPORTS_IN_TOTAL)]
    for _ in range(3):
        assert start(client, "192.0.2.50").status_code == 429
    finish(running[0])
    assert start(client, "192.0.2.50").status_code == 200


def test_a_client_starting_many_exports_a_minute_is_told_to_wait(client, settings):
    settings.EXPORT_RATE = "3/m"
    for _ in range(3):
        finish(start(client, "203.0.113.1"))
    refused = start(client, "203.0.113.1")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "Too many downloads" in refused.content.decode()
    assert start(client, "203.0.113.2").status_code == 200


def test_both_exports_share_the_limits(client):
    start(client, "203.0.113.1")
    start(client, "203.0.113.1")
    assert client.get("/statements/export.json", REMOTE_ADDR="203.0.113.1").status_code == 429


def test_behind_a_configured_proxy_clients_are_told_apart(client, settings):
    settings.PROXY_COUNT = 1
    for _ in range(2):
        abandon(start(client, "10.0.0.2"))  # nothing forwarded: the proxy itself
    held = [client.get(EXPORT, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
            for n in (1, 1)]
    assert {response.status_code for response in held} == {200}
    assert client.get(EXPORT, REMOTE_ADDR="10.0.0.2",
                      HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 200
    assert client.get(EXPORT, REMOTE_ADDR="10.0.0.2",
                      HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 429
