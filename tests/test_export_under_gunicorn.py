"""A large export through a real gunicorn (our gunicorn.conf.py) on loopback arrives whole,
though a slow reader keeps the worker writing it for several times the worker timeout
(a sync worker is killed then, after its HTTP 200, and the reader gets a cut file)."""

import csv
import http.client
import io
import json
import socket
import sqlite3
import time

import pytest

from tests.servers import app_environment, gunicorn, manage

ARTICLES = 1200
# gthread's main loop reports in about every second: a timeout of 1 s would be too tight.
WORKER_TIMEOUT = 3
READ_SIZE, READ_PAUSE = 8 * 1024, 0.1  # 80 kB/s: no single write waits long


class SlowReader(http.client.HTTPConnection):
    """A reader on a slow line: a small receive window."""

    def connect(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.connect((self.host, self.port))


def slow_download(base_url: str, path: str) -> bytes:
    host, port = base_url.removeprefix("http://").split(":")
    connection = SlowReader(host, int(port), timeout=120)
    connection.request("GET", path)
    response = connection.getresponse()
    assert response.status == 200
    assert response.getheader("Transfer-Encoding") == "chunked"  # a cut would show
    started, body = time.monotonic(), b""
    while chunk := response.read(READ_SIZE):  # IncompleteRead if the stream is cut
        body += chunk
        time.sleep(READ_PAUSE)
    connection.close()
    assert time.monotonic() - started > 2 * WORKER_TIMEOUT
    return body


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    database = tmp_path_factory.mktemp("export") / "archive.sqlite3"
    environment = app_environment(DATABASE_URL=f"sqlite:///{database}")
    manage(environment, "migrate", "--no-input")
    manage(environment, "generate_corpus", "--articles", str(ARTICLES), "--seed", "4")
    with gunicorn(environment, "--timeout", str(WORKER_TIMEOUT),
                  config="tests/gunicorn_slow_network.py") as base_url:
        yield base_url, database


def oldest_published_slug(database) -> str:
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT slug FROM articles_article WHERE status = 'published' "
            "ORDER BY published_on, id LIMIT 1"
        ).fetchone()[0]


def test_a_csv_export_streamed_past_the_worker_timeout_arrives_whole(server):
    base_url, database = server
    body = slow_download(base_url, "/articles/export.csv")
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert len(rows) > ARTICLES * 0.9
    assert rows[-1]["permalink"].endswith(f"/{oldest_published_slug(database)}/")


def test_a_json_export_streamed_past_the_worker_timeout_is_complete_json(server):
    base_url, database = server
    body = slow_download(base_url, "/articles/export.json")
    rows = json.loads(body)
    assert len(rows) > ARTICLES * 0.9
    assert rows[-1]["permalink"].endswith(f"/{oldest_published_slug(database)}/")
