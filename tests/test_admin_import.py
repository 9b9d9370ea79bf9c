import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from articles.jobs import Job
from articles.models import Article
from tests.jobs import work_off_queue

IMPORT_URL = "/admin/articles/article/import/"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S")


def upload(editor_client, *files, **fields):
    return editor_client.post(IMPORT_URL, {"files": list(files), "status": "draft",
                                           "extract": "on", **fields})


def test_an_upload_becomes_a_queued_job_and_imports_nothing_in_the_request(
        editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(editor_client, SimpleUploadedFile("deal.txt", b"Gas deal\n\nA deal."))
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/articles/job/{job.pk}/change/"
    assert (job.kind, job.state, job.attempt) == (Job.Kind.IMPORT, Job.State.QUEUED, 1)
    assert not Article.objects.exists()
    assert DBTaskResult.objects.get().args_kwargs["args"] == [job.pk, 1]
    assert job.task_id == str(DBTaskResult.objects.get().id)


def test_uploaded_files_are_kept_on_disk_for_the_worker_under_the_job(editor_client,
                                                                        media_root):
    upload(editor_client, SimpleUploadedFile("../../etc/deal.txt", b"Gas deal\n\nA deal."))
    job = Job.objects.get()
    [stored] = job.parameters["files"]
    assert stored["name"] == "deal.txt"
    path = Path(media_root) / stored["path"]
    assert path.parent == Path(media_root) / "imports" / str(job.pk)
    assert path.read_bytes() == b"Gas deal\n\nA deal."


def test_the_worker_imports_the_upload_with_the_same_summary_and_log(
        editor_client, django_capture_on_commit_callbacks, media_root):
    good = SimpleUploadedFile("deal.txt", b"Published: 2024-01-02\n\nGas deal\n\nA deal.")
    bad = SimpleUploadedFile("broken.jsonl", b'{"title": "T", "body": "B"}\n{"title": \n')
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor_client, good, bad)
    work_off_queue()
    job = Job.objects.get()
    assert job.state == Job.State.DONE
    assert (job.done, job.total) == (3, 3)
    assert job.summary == "2 created, 0 updated, 0 unchanged, 1 failed"
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Gas deal", "T"]
    html = editor_client.get(f"/admin/articles/job/{job.pk}/change/").content.decode()
    assert "broken.jsonl:2" in html and "malformed JSON" in html
    assert "Finished: 2 created" in html
    assert not list((Path(media_root) / "imports").iterdir())  # the stored files are gone


def test_a_running_job_page_reloads_itself_without_script_and_a_finished_one_does_not(
        editor_client):
    job = Job.objects.create(kind=Job.Kind.IMPORT, title="Import of 500 files",
                             state=Job.State.RUNNING, total=500, done=200)
    html = editor_client.get(f"/admin/articles/job/{job.pk}/change/").content.decode()
    assert '<meta http-equiv="refresh"' in html
    assert '<progress value="200" max="500"' in html
    assert not INLINE_SCRIPT.search(html)  # a strict CSP allows no inline script
    job.state, job.done = Job.State.DONE, 500
    job.save()
    html = editor_client.get(f"/admin/articles/job/{job.pk}/change/").content.decode()
    assert '<meta http-equiv="refresh"' not in html
    assert '<progress value="500" max="500"' in html


def test_the_list_of_jobs_shows_each_with_its_progress_bar(editor_client):
    Job.objects.create(kind=Job.Kind.IMPORT, title="Import of 3 files", total=3, done=1,
                       state=Job.State.RUNNING)
    html = editor_client.get("/admin/articles/job/").content.decode()
    assert "Import of 3 files" in html
    assert '<progress value="1" max="3"' in html


def test_readers_cannot_see_jobs(client, db):
    job = Job.objects.create(kind=Job.Kind.IMPORT, title="Import")
    for url in ("/admin/articles/job/", f"/admin/articles/job/{job.pk}/change/"):
        assert client.get(url).status_code == 302


def test_an_empty_upload_is_refused_with_the_form_and_starts_no_job(editor_client):
    response = editor_client.post(IMPORT_URL, {"status": "draft"})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not Job.objects.exists()


def test_an_empty_file_among_others_is_imported_with_them_and_reported(
        editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor_client, SimpleUploadedFile("deal.txt", b"Gas deal\n\nA deal."),
               SimpleUploadedFile("empty.txt", b""))
    work_off_queue()
    job = Job.objects.get()
    assert job.summary == "1 created, 0 updated, 0 unchanged, 1 failed"
    assert job.entries.get(level="failure").message == "empty file"
