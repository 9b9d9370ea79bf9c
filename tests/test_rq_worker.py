"""The Redis path to many workers: jobs queued on RQ (TASKS_BACKEND=rq), worked by rqworker."""

import random
import uuid

import pytest
import redis

from tests.processes import Archive
from tests.test_worker_processes import queued_job, shipyard_orders

REDIS_SERVER = "redis://127.0.0.1:6379"


@pytest.fixture
def rq_archive(tmp_path):
    # A Redis database of its own, emptied before and after, so that runs side by side (the
    # suite on SQLite and on PostgreSQL) never work each other's jobs.
    url = f"{REDIS_SERVER}/{random.randint(1, 15)}"
    connection = redis.Redis.from_url(url)
    connection.flushdb()
    archive = Archive(tmp_path, TASKS_BACKEND="rq", REDIS_URL=url,
                      ARCHIVE_CACHE_PREFIX=f"test-{uuid.uuid4()}")
    yield archive
    archive.close()
    connection.flushdb()


def rq_worker(archive: Archive) -> str:
    """One RQ worker that works off what is queued, then stops."""
    return archive.manage("rqworker", "--burst", "--job-class", "django_tasks_rq.Job",
                          "default")


def test_an_import_queued_on_redis_is_worked_by_an_rq_worker_and_run_again_adds_nothing(
        rq_archive, tmp_path):
    inbox = shipyard_orders(tmp_path / "inbox", 30)
    job_id = queued_job(rq_archive, inbox)
    assert rq_archive.job(job_id)["state"] == "queued"
    rq_worker(rq_archive)
    job = rq_archive.job(job_id)
    assert job["state"] == "done", job
    assert (job["done"], job["total"]) == (30, 30)
    again = queued_job(rq_archive, inbox)
    rq_worker(rq_archive)
    assert rq_archive.job(again)["state"] == "done"
    [(articles,)] = rq_archive.query("SELECT count(*) FROM articles_article")
    assert articles == 30
