"""A PostgreSQL outage, on a throwaway server of our own: readers get a fast 503, then pages.

The archive runs under gunicorn against a PostgreSQL started for this file alone, which
the tests stop and restart; the machine's own instance is never touched.
"""

import pytest

from archive.app_server import ArchiveServer, get, manage
from archive.throwaway_postgres import ThrowawayPostgres

READER_PAGES = ["/", "/articles/", "/statements/", "/companies/", "/articles/?q=pipeline"]
PROMISED_SECONDS = 2.0


@pytest.fixture(scope="module")
def database():
    with ThrowawayPostgres() as server:
        url = server.create_database("archive")
        manage(url, "migrate", "--no-input")
        manage(url, "load_sample")
        server.database_url = url
        yield server


@pytest.fixture(scope="module")
def archive(database):
    # Without the page cache: a page cached before the outage is served without the database,
    # and these tests are about the pages that need it.
    with ArchiveServer(database.database_url, workers=2, ARCHIVE_PAGE_CACHE="0") as server:
        yield server


@pytest.fixture
def database_down(database):
    database.stop()
    yield
    database.start()


def test_pages_are_served_while_the_database_is_up(archive):
    for page in READER_PAGES:
        assert get(archive.url + page)[0] == 200


def test_while_the_database_is_down_readers_get_a_503_within_two_seconds(archive,
                                                                          database_down):
    for page in READER_PAGES * 2:
        status, seconds, headers, body = get(archive.url + page)
        assert status == 503, page
        assert seconds < PROMISED_SECONDS, (page, seconds)
        assert headers["Retry-After"] == "30"
        assert "temporarily unavailable" in body
        assert "Traceback" not in body


def test_after_a_restart_no_request_fails(archive, database):
    for page in READER_PAGES:
        get(archive.url + page)  # every worker's pool holds connections now
    database.restart()
    statuses = [get(archive.url + page)[0] for page in READER_PAGES * 3]
    assert statuses == [200] * len(statuses)


def test_when_the_database_comes_back_pages_are_served_again(archive, database):
    database.stop()
    assert get(archive.url + "/articles/")[0] == 503
    database.start()
    statuses = [get(archive.url + page)[0] for page in READER_PAGES * 2]
    assert statuses == [200] * len(statuses)
