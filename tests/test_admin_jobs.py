from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.jobs import Job
from tests.factories import make_article, make_source
from tests.jobs import work_off_queue


def test_reextracting_selected_articles_starts_one_job_and_shows_its_page(
        editor_client, django_capture_on_commit_callbacks):
    first, second = make_article(), make_article()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post("/admin/articles/article/", {
            "action": "reextract", "_selected_action": [first.pk, second.pk]})
    job = Job.objects.get()
    assert response["Location"] == f"/admin/articles/job/{job.pk}/change/"
    assert (job.kind, job.title) == (Job.Kind.REEXTRACT, "Re-extraction of 2 articles")
    assert job.parameters == {"articles": [first.pk, second.pk]}
    work_off_queue()
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == (Job.State.DONE, 2, 2)


def test_reextracting_a_source_covers_its_articles(editor_client):
    source = make_source(name="Naval News")
    editor_client.post("/admin/articles/source/", {
        "action": "reextract", "_selected_action": [source.pk]})
    job = Job.objects.get()
    assert job.title == "Re-extraction of the articles of Naval News"
    assert job.parameters == {"sources": [source.pk]}


def test_the_jobs_page_rebuilds_the_search_index_on_post_only(editor_client):
    assert editor_client.get("/admin/articles/job/reindex/").status_code == 405
    response = editor_client.post("/admin/articles/job/reindex/")
    job = Job.objects.get()
    assert job.kind == Job.Kind.REINDEX
    assert response["Location"] == f"/admin/articles/job/{job.pk}/change/"
    assert "Rebuild the search index" in editor_client.get("/admin/articles/job/").content.decode()


def test_a_stalled_job_says_so_and_can_be_resumed_from_its_page(
        editor_client, django_capture_on_commit_callbacks):
    job = Job.objects.create(kind=Job.Kind.IMPORT, title="Import", state=Job.State.RUNNING,
                             attempt=1, total=10, done=4, parameters={"files": []},
                             heartbeat_at=timezone.now() - timedelta(hours=1))
    html = editor_client.get(f"/admin/articles/job/{job.pk}/change/").content.decode()
    assert "stalled" in html and "Resume this job" in html
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/articles/job/{job.pk}/resume/")
    job.refresh_from_db()
    assert (job.state, job.attempt, job.done) == (Job.State.QUEUED, 2, 4)
    assert DBTaskResult.objects.get().args_kwargs["args"] == [job.pk, 2]


def test_a_job_still_reporting_cannot_be_resumed_twice(editor_client):
    job = Job.objects.create(kind=Job.Kind.IMPORT, title="Import", state=Job.State.RUNNING,
                             attempt=1, heartbeat_at=timezone.now())
    html = editor_client.get(f"/admin/articles/job/{job.pk}/change/").content.decode()
    assert "Resume this job" not in html
    editor_client.post(f"/admin/articles/job/{job.pk}/resume/")
    job.refresh_from_db()
    assert job.attempt == 1
    editor_client.post("/admin/articles/job/", {"action": "resume",
                                                "_selected_action": [job.pk]})
    job.refresh_from_db()
    assert job.attempt == 1
