"""An editor uploads a folder of 500 files and watches a real worker import it."""

import os
import re
import signal
import time

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.processes import Archive, answers, free_port
from tests.test_worker_processes import shipyard_orders


@pytest.fixture
def served_archive(tmp_path):
    """The web server as its own process on a database of its own, for a worker to share."""
    archive = Archive(tmp_path)
    archive.port = free_port()
    archive.url = f"http://127.0.0.1:{archive.port}"
    archive.start("runserver", f"127.0.0.1:{archive.port}", "--noreload")
    archive.wait_for(lambda: answers(archive.port, "/admin/login/"), every=0.5)
    yield archive
    archive.close()


def test_an_editor_watches_an_uploaded_folder_of_500_files_import_in_the_background(
        page, served_archive, tmp_path, screenshot):
    archive = served_archive
    inbox = shipyard_orders(tmp_path / "inbox", 498)
    (inbox / "broken.jsonl").write_text('{"title": "A", "body": "B"}\n{"title": \n')
    (inbox / "empty.txt").write_text("")
    password = re.search(r"password: (\S+)", archive.manage("create_local_editor")).group(1)
    page.goto(f"{archive.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", password)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{archive.url}/admin/articles/article/import/")
    page.set_input_files("#id_files", sorted(inbox.iterdir()))
    page.get_by_role("button", name="Import").click()
    # 500 files in one request: slow on a busy machine.
    page.wait_for_url(re.compile(r"/admin/articles/job/\d+/change/$"), timeout=180_000)
    assert page.get_by_text("Waiting for a worker").first.is_visible()
    job_url = page.url

    job_id = int(re.search(r"/job/(\d+)/change/$", job_url).group(1))
    worker = archive.start("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2")
    page.goto(f"{archive.url}/admin/articles/job/")  # the editor leaves, and comes back
    # Hold the worker part-way, as a slower machine or a bigger folder would, so that the
    # bar is seen moving however fast the import runs here.
    archive.wait_for(lambda: archive.job(job_id)["done"] > 0, every=0.01)
    os.killpg(worker.pid, signal.SIGSTOP)
    try:
        page.goto(job_url)
        bar = page.locator("#job-progress progress")
        part_way = int(bar.get_attribute("value"))
        assert 0 < part_way < 501 and bar.get_attribute("max") == "501", part_way
        assert page.get_by_text("Running").first.is_visible()
        screenshot("job-progress")
    finally:
        os.killpg(worker.pid, signal.SIGCONT)
    seen = [part_way]
    deadline = time.monotonic() + 600
    while not page.get_by_text("Finished:").is_visible() and time.monotonic() < deadline:
        # The page reloads itself (its meta refresh); read the bar of whichever load is shown.
        try:
            value = page.locator("#job-progress progress").get_attribute("value")
        except PlaywrightError:  # read during a reload
            continue
        if value is not None:
            seen.append(int(value))
        page.wait_for_timeout(300)
    assert seen == sorted(seen), seen  # the bar never goes back
    assert page.locator("#job-progress progress").get_attribute("value") == "501"
    assert page.get_by_text("Finished: 499 created, 0 updated, 0 unchanged, 2 failed").is_visible()
    failures = page.locator("#job-failures").inner_text()
    assert "broken.jsonl:2" in failures and "empty.txt" in failures
    [(articles,)] = archive.query("SELECT count(*) FROM articles_article")
    assert articles == 499
