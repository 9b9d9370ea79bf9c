import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from articles.ingest.uploads import store_uploads
from articles.jobs import Job, JobEntry
from articles.models import Article, Statement
from articles.search import backend
from articles.tasks import ImportReport, Progress, Superseded, enqueue, run_job, start
from tests.factories import country, make_article, make_source, make_statement
from tests.jobs import work_off_queue


def text_file(number: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        f"{number:03d}.txt",
        f"Published: 2024-03-01\n\nPipeline order number {number}\n\nThe order {number} "
        f"was signed.\n".encode())


def import_job(uploads, **parameters) -> Job:
    job = Job.objects.create(kind=Job.Kind.IMPORT, title="Import")
    job.parameters = {"files": store_uploads(job.pk, uploads), "status": "draft",
                      "extract": True, **parameters}
    return enqueue(job)


@pytest.fixture
def run_queue(db, django_capture_on_commit_callbacks):
    """Enqueue for real (after the commit the test simulates), then let a worker run it."""
    def run(make_job):
        with django_capture_on_commit_callbacks(execute=True):
            job = make_job()
        work_off_queue()
        job.refresh_from_db()
        return job
    return run


def test_an_import_reports_its_progress_after_every_committed_batch(run_queue, monkeypatch):
    reports = []
    advance = Progress.advance

    def recording(self, count, counts=None, entries=()):
        reports.append(count)
        advance(self, count, counts, entries)

    monkeypatch.setattr(Progress, "advance", recording)
    job = run_queue(lambda: import_job([text_file(n) for n in range(250)]))
    assert reports == [100, 100, 50]
    assert (job.state, job.done, job.total) == (Job.State.DONE, 250, 250)
    assert job.counts == {"created": 250, "updated": 0, "unchanged": 0, "failed": 0}


def test_each_failed_file_and_line_is_logged_and_a_note_is_kept(run_queue):
    job = run_queue(lambda: import_job([
        SimpleUploadedFile("lines.jsonl", b'{"title": "A", "body": "B"}\n{oops}\n'),
        SimpleUploadedFile("empty.txt", b"  "),
        SimpleUploadedFile("undated.txt", b"Undated title\n\nBody."),
    ]))
    failures = list(job.entries.filter(level=JobEntry.Level.FAILURE)
                    .values_list("origin", "message"))
    assert failures[0][0] == "lines.jsonl:2" and "malformed JSON" in failures[0][1]
    assert failures[1] == ("empty.txt", "empty file")
    notes = job.entries.filter(level=JobEntry.Level.NOTE).values_list("message", flat=True)
    assert any(note.startswith("undated.txt: no publication date") for note in notes), notes
    assert job.summary == "2 created, 0 updated, 0 unchanged, 2 failed"


def test_a_job_stopped_mid_import_resumes_after_its_last_batch_without_duplicates(
        run_queue, monkeypatch, django_capture_on_commit_callbacks):
    report = ImportReport.__call__

    def stopped_after_one_batch(self, count):
        report(self, count)
        raise SystemExit("the worker was told to stop at once")

    monkeypatch.setattr(ImportReport, "__call__", stopped_after_one_batch)
    job = run_queue(lambda: import_job([text_file(n) for n in range(150)]))
    assert (job.state, job.done, Article.objects.count()) == (Job.State.FAILED, 100, 100)
    assert job.error == "its worker was stopped" and job.can_resume

    monkeypatch.setattr(ImportReport, "__call__", report)
    job = run_queue(lambda: enqueue(job))
    assert (job.state, job.done, job.attempt) == (Job.State.DONE, 150, 2)
    assert Article.objects.count() == 150
    assert job.summary == "150 created, 0 updated, 0 unchanged, 0 failed"


def test_a_rerun_from_the_start_finds_every_article_already_there(run_queue):
    job = run_queue(lambda: import_job([text_file(n) for n in range(5)]))
    files = job.parameters["files"]
    again = run_queue(lambda: import_job([text_file(n) for n in range(5)]))
    assert again.summary == "0 created, 0 updated, 5 unchanged, 0 failed"
    assert Article.objects.count() == 5 and files


def test_a_worker_of_an_older_attempt_stops_and_does_nothing(db):
    job = Job.objects.create(kind=Job.Kind.IMPORT, title="Import", attempt=1,
                             parameters={"files": []})
    old = Progress(Job.objects.get(pk=job.pk))
    with transaction.atomic():
        enqueue(job)  # resumed: attempt 2
    with pytest.raises(Superseded):
        old.advance(1)
    assert "superseded" in run_job.call(job.pk, 1)
    job.refresh_from_db()
    assert (job.state, job.done) == (Job.State.QUEUED, 0)


REEXTRACTED_BODY = ('"We will build the pipeline by 2027," said Anna Berg, chief executive of '
                    'Bergline Energy.\n\nThe pipeline will carry gas to Turkey.')


def test_reextraction_replaces_stale_suggestions_and_keeps_reviewed_ones_and_links(run_queue):
    source = make_source(name="Pipeline Weekly")
    article = make_article(source=source, countries=["NO"], title="A new pipeline",
                           body=REEXTRACTED_BODY)
    kept = make_statement(article, text="An editor's reviewed quote.", is_reviewed=True)
    make_statement(article, text="A stale suggestion.", is_reviewed=False)
    other = make_article(title="Elsewhere", body=REEXTRACTED_BODY + "\n\nMore.")
    job = run_queue(lambda: start(Job.Kind.REEXTRACT, "Re-extraction", sources=[source.pk]))
    assert (job.state, job.done, job.total) == (Job.State.DONE, 1, 1)
    texts = set(article.statements.values_list("text", flat=True))
    assert kept.text in texts and "A stale suggestion." not in texts
    assert any("build the pipeline" in text for text in texts)
    assert country("NO") in article.countries.all()  # the editor's link stays
    assert not other.statements.exists()  # not of the source: untouched
    assert Article.objects.count() == 2


def test_reindexing_rebuilds_the_index_and_counts_what_it_indexed(run_queue):
    article = make_article(title="Frigate contract signed")
    make_statement(article, text="The frigate is ready.")
    backend().clear()
    job = run_queue(lambda: start(Job.Kind.REINDEX, "Search index rebuild"))
    assert (job.state, job.done, job.total) == (Job.State.DONE, 2, 2)
    assert job.summary == "Search index rebuilt: 1 articles, 1 statements"
    assert Statement.objects.count() == 1
