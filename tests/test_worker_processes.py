"""Real worker processes on a database of their own: killed mid-job, resumed, run by make run."""

import os
import re
import signal
import time
from pathlib import Path

import pytest

from tests.processes import Archive, answers, free_port

FIRST_NAMES = ["Anna", "Boris", "Clara", "Dmitri", "Elif", "Farid", "Greta", "Hakan"]
LAST_NAMES = ["Berg", "Holm", "Lind", "Dahl", "Strand", "Aune", "Moe", "Vik", "Lie", "Bakke"]


def shipyard_orders(folder: Path, count: int) -> Path:
    """`count` articles, each quoting a shipyard executive: extraction has work to do."""
    folder.mkdir()
    for number in range(count):
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        last = LAST_NAMES[number // len(FIRST_NAMES) % len(LAST_NAMES)]
        (folder / f"{number:04d}.txt").write_text(
            f"Published: 2024-03-{1 + number % 28:02d}\n\nFrigate order number {number}\n\n"
            f"{first} {last}, chief executive of Nordic Yards, said Norway had ordered "
            f"frigate number {number}.\n\n\"We will deliver hull {number} in 2027,\" "
            f"{last} said.\n", encoding="utf-8")
    return folder


@pytest.fixture
def separate_archive(tmp_path):
    archive = Archive(tmp_path, JOB_STALLED_AFTER_SECONDS="1")
    yield archive
    archive.close()


def queued_job(archive: Archive, *paths) -> int:
    output = archive.manage("import_articles", "--background", *map(str, paths))
    return int(re.search(r"Job (\d+) queued", output).group(1))


def worker(archive: Archive, *args):
    return archive.start("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1",
                         *args)


def test_a_worker_killed_mid_import_leaves_whole_batches_and_the_resumed_job_no_duplicates(
        separate_archive, tmp_path):
    archive = separate_archive
    job_id = queued_job(archive, shipyard_orders(tmp_path / "inbox", 400))
    assert archive.job(job_id)["state"] == "queued"
    process = worker(archive)
    archive.wait_for(lambda: archive.job(job_id)["done"] >= 100)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()

    killed = archive.job(job_id)
    [(articles,)] = archive.query("SELECT count(*) FROM articles_article")
    assert killed["state"] == "running" and killed["done"] < 400, killed
    # Whole batches of 100 only, each article with its suggestions and its history entry.
    assert articles % 100 == 0 and articles >= killed["done"]
    [(without_statements,)] = archive.query(
        "SELECT count(*) FROM articles_article a WHERE NOT EXISTS "
        "(SELECT 1 FROM articles_statement s WHERE s.article_id = a.id)")
    [(with_history,)] = archive.query(
        "SELECT count(DISTINCT id) FROM articles_historicalarticle")
    assert (without_statements, with_history) == (0, articles)

    # The worker's last report may be a moment old: only past JOB_STALLED_AFTER_SECONDS (1 s
    # here) does its silence mean it died, so a resume straight after the kill would be refused.
    time.sleep(2)
    assert f"Job {job_id} resumed from item {killed['done']}" in archive.manage(
        "resume_jobs", "--stalled")
    archive.manage("db_worker", "--batch", "--no-reload", "--no-startup-delay")

    resumed = archive.job(job_id)
    [(articles, distinct_texts)] = archive.query(
        "SELECT count(*), count(DISTINCT content_hash) FROM articles_article")
    assert (resumed["state"], resumed["done"], resumed["total"]) == ("done", 400, 400)
    assert articles == distinct_texts == 400
    counts = resumed["counts"]
    assert counts["created"] + counts["unchanged"] == 400 and counts["failed"] == 0


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += [int(child), *children(int(child))]
    return found


def test_run_with_worker_serves_works_the_queue_and_stops_both_on_ctrl_c(separate_archive,
                                                                          tmp_path):
    archive = separate_archive
    port = free_port()
    process = archive.start("run_with_worker", f"127.0.0.1:{port}", "--noreload")
    archive.wait_for(lambda: answers(port), every=0.5)
    job_id = queued_job(archive, shipyard_orders(tmp_path / "inbox", 3))
    archive.wait_for(lambda: archive.job(job_id)["state"] == "done", every=0.5)
    helpers = children(process.pid)
    assert len(helpers) >= 2  # the web server and the worker
    process.send_signal(signal.SIGINT)
    assert process.wait(30) == 0
    assert not answers(port)
    assert not [pid for pid in helpers if Path(f"/proc/{pid}").exists()
                and "zombie" not in Path(f"/proc/{pid}/status").read_text()]
