"""Read replicas and two app servers, for real: a throwaway PostgreSQL primary with a
streaming replica made by pg_basebackup -R, two gunicorns sharing them and Redis."""

import uuid

import pytest

from tests.postgres_servers import primary_and_replica, wait_until
from tests.servers import Browser, app_environment, editor_password, gunicorn, manage

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


@pytest.fixture(scope="module")
def cluster():
    with primary_and_replica() as (primary, replica):
        environment = app_environment(
            DATABASE_URL=primary.url, DATABASE_REPLICA_URLS=replica.url,
            # Only the replayed-position rule decides here, not the lag in seconds.
            DATABASE_REPLICA_MAX_LAG="3600",
            REDIS_URL="redis://127.0.0.1:6379/0", ARCHIVE_CACHE_PREFIX=f"test-{uuid.uuid4()}",
        )
        manage(environment, "migrate", "--no-input")
        manage(environment, "generate_corpus", "--articles", "30", "--seed", "7")
        password = editor_password(environment)
        with gunicorn(environment) as first, gunicorn(environment) as second:
            yield primary, replica, first, second, password


def article_scans(server) -> int:
    return int(server.sql("SELECT coalesce(sum(seq_scan + idx_scan), 0) FROM "
                          "pg_stat_user_tables WHERE relname = 'articles_article'"))


def a_draft(primary) -> tuple[str, str, str]:
    row = primary.sql("UPDATE articles_article SET status = 'draft' WHERE id = "
                      "(SELECT min(id) FROM articles_article) RETURNING id, slug, title")
    return tuple(row.splitlines()[0].split("|"))


def status(server, article_id: str) -> str:
    return server.sql(f"SELECT status FROM articles_article WHERE id = {int(article_id)}")  # noqa: S608


def test_readers_pages_are_read_from_the_replica(cluster):
    primary, replica, first, _, _ = cluster
    wait_until(lambda: replica.sql("SELECT count(*) FROM articles_article") != "0")
    before = article_scans(replica)
    reader = Browser(first)
    for page in range(3):
        reader.get(f"/articles/?page={page + 1}")
    wait_until(lambda: article_scans(replica) > before)


def test_a_publish_through_one_server_is_seen_at_once_through_the_other(cluster):
    primary, replica, first, second, password = cluster
    article_id, slug, title = a_draft(primary)
    reader = Browser(second)
    assert reader.status(f"/articles/{slug}/") == 404
    # The replica falls behind: the next reads must come from the primary.
    replica.sql("SELECT pg_wal_replay_pause()")
    try:
        editor = Browser(first)
        editor.sign_in("editor", password)
        editor.post("/admin/articles/article/", [("action", "publish"), ("index", "0"),
                                                 ("_selected_action", article_id)])
        assert status(primary, article_id) == "published"
        assert title in reader.get(f"/articles/{slug}/")
        assert status(replica, article_id) == "draft"
    finally:
        replica.sql("SELECT pg_wal_replay_resume()")


def test_a_stopped_replica_costs_readers_nothing(cluster):
    primary, replica, first, second, _ = cluster
    replica.stop()
    for server in (first, second):
        reader = Browser(server)
        for page in range(3):
            assert "article" in reader.get(f"/articles/?sort=oldest&page={page + 1}")
