"""`make run` and `make run-empty`, run for real on an archive of their own: the first
serves the sample, the second an archive without it."""

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tests.processes import ROOT, Archive, answers, free_port

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed"),
]
MAKE = shutil.which("make") or "make"


@pytest.fixture
def separate_archive(tmp_path):
    archive = Archive(tmp_path)
    yield archive
    archive.close()


def serve(archive: Archive, target: str, folder: Path) -> subprocess.Popen:
    port = free_port()
    log = (folder / f"{target}.log").open("w")
    process = subprocess.Popen(
        [MAKE, "--no-print-directory", target, f"ADDRESS=127.0.0.1:{port}"], cwd=ROOT,
        env=archive.environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    archive.processes.append(process)
    archive.wait_for(lambda: answers(port) or process.poll() is not None, every=0.5)
    assert process.poll() is None, (folder / f"{target}.log").read_text()[-3000:]
    return process


def sample_articles(archive: Archive) -> int:
    return archive.query("SELECT count(*) FROM articles_article WHERE byline LIKE 'Sample%%'")[0][0]


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGINT)
    process.wait(30)


def test_make_run_empty_serves_the_archive_without_the_sample(separate_archive, tmp_path):
    archive = separate_archive
    archive.manage("load_sample")
    archive.manage("import_articles", "--status", "published", str(own_article(tmp_path)))
    stop(serve(archive, "run-empty", tmp_path))
    assert sample_articles(archive) == 0
    assert archive.query("SELECT title FROM articles_article") == [("Our own frigate report",)]
    assert "Sample archive removed: 21 articles" in (tmp_path / "run-empty.log").read_text()


def test_make_run_loads_the_sample_into_an_empty_archive(separate_archive, tmp_path):
    stop(serve(separate_archive, "run", tmp_path))
    assert sample_articles(separate_archive) == 21


def own_article(folder: Path) -> Path:
    path = folder / "own.txt"
    path.write_text("Our own frigate report\nPublished: 2025-01-02\n\nThe yard delivered.\n",
                    encoding="utf-8")
    return path
