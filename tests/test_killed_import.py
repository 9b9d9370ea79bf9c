"""An import killed mid-run (SIGKILL, no clean-up at all) and run again loses nothing and
leaves nothing unsearchable: 0 duplicates, 0 partial articles, 0 unindexed articles.

The imports run as real subprocesses against a database of their own, on the engine the
suite runs on (a file for SQLite; a database beside the test database for PostgreSQL).
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection

PROJECT = Path(__file__).resolve().parents[1]
RECORDS = 3000
STATEMENTS_EACH = 2
KILL_AFTER = 200  # articles committed, two batches


@pytest.fixture
def own_database(tmp_path):
    """(DATABASE_URL, a function running one SQL count) for a fresh, migrated database."""
    if connection.vendor == "sqlite":
        path = tmp_path / "killed.sqlite3"
        url = f"sqlite:///{path}"

        def count(sql):
            with sqlite3.connect(path) as db:
                return db.execute(sql).fetchone()[0]

        yield migrated(url), count
        return
    settings = connection.settings_dict
    name = f"{settings['NAME']}_killed"
    server = {"host": settings["HOST"] or "127.0.0.1", "port": settings["PORT"] or 5432,
              "user": settings["USER"], "password": settings["PASSWORD"] or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{server['user']}@{server['host']}:{server['port']}/{name}"

    def count(sql):
        with psycopg.connect(dbname=name, **server) as db:
            return db.execute(sql).fetchone()[0]

    try:
        yield migrated(url), count
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(url, *args, **popen):
    command = [sys.executable, "manage.py", *args]
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **popen)


def finished(process, timeout=600):
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def migrated(url):
    code, _, err = finished(manage(url, "migrate", "--no-input", "-v0"))
    assert code == 0, err
    return url


def write_records(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for number in range(RECORDS):
            out.write(json.dumps({
                "title": f"Order number {number} for the shipyard",
                "body": f"The yard booked order {number}.\n\nIt will deliver in {number % 9} "
                        "years.",
                "published": "2024-03-01", "url": f"https://example.org/orders/{number}",
                "statements": [{"text": f"Order {number} is a milestone, part {part}.",
                                "speaker": f"Speaker {number % 50}"}
                               for part in range(STATEMENTS_EACH)],
            }) + "\n")


def test_a_killed_import_run_again_leaves_no_duplicate_partial_or_unindexed_article(
        own_database, tmp_path):
    url, count = own_database
    records = tmp_path / "orders.jsonl"
    write_records(records)
    articles = "SELECT count(*) FROM articles_article"

    running = manage(url, "import_articles", str(records), "--no-extract")
    while count(articles) < KILL_AFTER:
        if running.poll() is not None:
            pytest.fail(f"the import ended before it could be killed: {running.stderr.read()}")
        time.sleep(0.02)
    running.send_signal(signal.SIGKILL)
    running.wait()
    killed_at = count(articles)
    assert KILL_AFTER <= killed_at < RECORDS

    code, out, err = finished(manage(url, "import_articles", str(records), "--no-extract"))
    assert code == 0, err
    assert f"{RECORDS - killed_at} created, 0 updated, {killed_at} unchanged, 0 failed" in out

    duplicates = count(articles) - count(
        "SELECT count(DISTINCT url) FROM articles_article")
    partial = count(f"""SELECT count(*) FROM articles_article a WHERE (
        SELECT count(*) FROM articles_statement s WHERE s.article_id = a.id
    ) != {STATEMENTS_EACH}""")  # noqa: S608  (constants only)
    key = "rowid" if connection.vendor == "sqlite" else "article_id"
    unindexed = count(f"""SELECT count(*) FROM articles_article
        WHERE id NOT IN (SELECT {key} FROM search_article)""")  # noqa: S608  (constants only)
    assert (count(articles), duplicates, partial, unindexed) == (RECORDS, 0, 0, 0)

    # The drift check agrees: nothing to repair.
    code, out, err = finished(manage(url, "rebuild_search_index", "--check"))
    assert code == 0, err
    assert ("missing from the index: 0 articles and 0 statements; "
            "stale entries: 0 articles and 0 statements") in out
