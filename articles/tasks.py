"""Background jobs on Django's tasks API: imports, re-extraction, reindexing, feed polls.

Each job is a `Job` record (articles/jobs.py) and one task, `run_job`, that a worker runs
for it. The request that starts a job only writes the record and enqueues the task once
the record is committed; everything slow happens in the worker, which reports progress
on the record after every committed batch. A worker killed mid-job leaves only whole
batches behind (the importer writes each batch in one transaction), and a resumed job
skips the items it had reported done; the importer's deduplication makes an item done
but not yet reported come out "unchanged", never twice.
"""

import logging
from collections.abc import Callable
from datetime import date
from itertools import islice

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from articles.ingest.fetching import new_client
from articles.ingest.importer import Importer, ImportOptions, ImportSummary
from articles.ingest.polling import PollResult, feeds_to_poll, page_record, poll_feeds
from articles.ingest.readers import ArticleRecord
from articles.ingest.uploads import delete_stored, stored_records
from articles.jobs import Job, JobEntry
from articles.models import Article, Source, Statement
from articles.search.indexing import rebuild

logger = logging.getLogger(__name__)


class Superseded(Exception):
    """The job was resumed elsewhere: this worker's attempt is no longer the job's."""


def enqueue(job: Job) -> Job:
    """A new attempt at the job, handed to a worker once the current transaction commits."""
    job.attempt += 1
    job.state = Job.State.QUEUED
    job.error = ""
    job.save()
    job_id, attempt = job.pk, job.attempt

    def send():
        result = run_job.enqueue(job_id, attempt)
        Job.objects.filter(pk=job_id, attempt=attempt).update(task_id=str(result.id)[:64])

    transaction.on_commit(send)
    return job


def start(kind: str, title: str, user=None, **parameters) -> Job:
    job = Job.objects.create(kind=kind, title=title[:200], parameters=parameters,
                             requested_by=user if user and user.is_authenticated else None)
    return enqueue(job)


class Progress:
    """What a running job reports, written to its record with the attempt's guard."""

    def __init__(self, job: Job):
        self.job = job
        self.base_counts = dict(job.counts)

    def set_total(self, total: int) -> None:
        self.update(total=total)
        self.job.total = total

    def advance(self, count: int, counts: dict | None = None, entries=()) -> None:
        entries = [JobEntry(job_id=self.job.pk, level=level, origin=origin[:500],
                            message=message) for level, origin, message in entries]
        if entries:
            JobEntry.objects.bulk_create(entries)
        fields = {"done": F("done") + count}
        if counts is not None:
            fields["counts"] = {name: self.base_counts.get(name, 0) + value
                                for name, value in counts.items()}
        self.update(**fields)

    def update(self, **fields) -> None:
        changed = Job.objects.filter(pk=self.job.pk, attempt=self.job.attempt).update(
            heartbeat_at=timezone.now(), **fields)
        if not changed:
            raise Superseded(f"job {self.job.pk} attempt {self.job.attempt}")


@task()
def run_job(job_id: int, attempt: int) -> str:
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, attempt=attempt).exclude(
        state=Job.State.DONE).update(state=Job.State.RUNNING, started_at=now, heartbeat_at=now)
    if not claimed:
        return f"job {job_id}: attempt {attempt} superseded or already done; nothing to do"
    job = Job.objects.get(pk=job_id)
    try:
        summary = RUNNERS[job.kind](job, Progress(job))
    except Superseded:
        return f"job {job_id}: attempt {attempt} superseded; stopped"
    except (Exception, KeyboardInterrupt, SystemExit) as error:
        # A worker told to stop at once raises SystemExit mid-job: the job can be resumed.
        stopped = not isinstance(error, Exception)
        if not stopped:
            logger.exception("Job %s failed", job_id)
        reason = "its worker was stopped" if stopped else f"{type(error).__name__}: {error}"
        Job.objects.filter(pk=job_id, attempt=attempt).update(
            state=Job.State.FAILED, error=reason[:2000], finished_at=timezone.now())
        raise
    Job.objects.filter(pk=job_id, attempt=attempt).update(
        state=Job.State.DONE, summary=summary, finished_at=timezone.now(),
        heartbeat_at=timezone.now())
    return summary


# --- imports -----------------------------------------------------------------------------

def import_options(parameters: dict) -> ImportOptions:
    source_id, published = parameters.get("source"), parameters.get("published")
    return ImportOptions(
        source=Source.objects.filter(pk=source_id).first() if source_id else None,
        status=parameters.get("status", Article.Status.DRAFT),
        default_published=date.fromisoformat(published) if published else None,
        extract=parameters.get("extract", True),
        update=parameters.get("update", False),
        trust_file_status=parameters.get("trust_file_status", False),
    )


class ImportReport:
    """Turns the importer's running summary into progress reports: counts and new entries."""

    def __init__(self, importer: Importer, progress: Progress):
        self.importer, self.progress = importer, progress
        self.problems_reported = self.notes_reported = 0

    def __call__(self, count: int) -> None:
        summary: ImportSummary = self.importer.summary
        problems = summary.problems[self.problems_reported:]
        notes = summary.notes[self.notes_reported:]
        self.problems_reported += len(problems)
        self.notes_reported += len(notes)
        entries = [*((JobEntry.Level.FAILURE, p.origin, p.reason) for p in problems),
                   *((JobEntry.Level.NOTE, "", note) for note in notes)]
        counts = {"created": summary.created, "updated": summary.updated,
                  "unchanged": summary.unchanged, "failed": summary.failed}
        self.progress.advance(count, counts, entries)


def run_import(job: Job, progress: Progress, items: Callable[[], object],
               options: ImportOptions, total: int | None = None) -> str:
    """Import the job's items, from the first one not yet reported done; `total` saves
    counting them by reading them all first."""
    if job.total is None:
        progress.set_total(total if total is not None else sum(1 for _ in items()))
    importer = Importer(options)
    importer.run(islice(items(), job.done, None), progress=ImportReport(importer, progress))
    job.refresh_from_db()
    counts = job.counts
    return (f"{counts.get('created', 0)} created, {counts.get('updated', 0)} updated, "
            f"{counts.get('unchanged', 0)} unchanged, {counts.get('failed', 0)} failed")


def import_files(job: Job, progress: Progress) -> str:
    files = job.parameters["files"]
    summary = run_import(job, progress, lambda: stored_records(files),
                         import_options(job.parameters))
    delete_stored(files)
    return summary


def import_pages(job: Job, progress: Progress) -> str:
    """Web pages an editor named by address: each fetched (with the limits of any fetch)
    when the importer comes to it, from the first one not yet done on a resumed attempt."""
    urls = job.parameters["urls"]

    def records():
        # Those done before are skipped without a fetch: the importer's islice sees Nones.
        with new_client() as client:
            for number, url in enumerate(urls):
                yield None if number < job.done else page_record(client, url, url)

    return run_import(job, progress, records, import_options(job.parameters), total=len(urls))


# --- re-extraction -----------------------------------------------------------------------

def articles_to_reextract(parameters: dict):
    articles = Article.objects.order_by("pk")
    if "sources" in parameters:
        return articles.filter(source_id__in=parameters["sources"])
    return articles.filter(pk__in=parameters["articles"])


def reextraction_records(parameters: dict):
    """Each article as a record of itself, for the importer to extract and update."""
    for article in articles_to_reextract(parameters).iterator(chunk_size=500):
        yield ArticleRecord(title=article.title, body=article.body, origin=article.title,
                            summary=article.summary, published=article.published_on,
                            url=article.url, byline=article.byline)


def reextract(job: Job, progress: Progress) -> str:
    options = ImportOptions(update=True, extract=True, keep_links=True)
    return run_import(job, progress, lambda: reextraction_records(job.parameters), options)


# --- the search index --------------------------------------------------------------------

def reindex(job: Job, progress: Progress) -> str:
    # A killed rebuild left valid entries only; the rerun goes through every batch again.
    progress.update(done=0)
    progress.set_total(Article.objects.count() + Statement.objects.count())
    counts = {str(name): count for name, count in rebuild(progress=progress.advance).items()}
    progress.update(counts=counts)
    return "Search index rebuilt: " + ", ".join(f"{n} {name}" for name, n in counts.items())


# --- feed polls --------------------------------------------------------------------------

def start_poll(user=None, feed_ids=()) -> Job:
    """A poll of the feeds named, or, with none, of those due when a worker gets to it."""
    feed_ids = sorted(feed_ids)
    title = (f"Poll of {len(feed_ids)} feed{'s' if len(feed_ids) != 1 else ''}" if feed_ids
             else "Poll of the feeds due")
    return start(Job.Kind.POLL, title, user, feeds=feed_ids)


class PollReport:
    """Each feed's poll as progress: one item per feed, its failures and notes in the log."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.counts = {"new articles": 0, "not modified": 0, "failed feeds": 0,
                       "entries not imported": 0}

    def __call__(self, result: PollResult) -> None:
        self.counts["new articles"] += result.created
        self.counts["not modified"] += result.outcome == "not modified"
        self.counts["failed feeds"] += result.outcome == "failed"
        self.counts["entries not imported"] += len(result.problems)
        entries = [*((JobEntry.Level.FAILURE, p.origin, p.reason) for p in result.problems),
                   *((JobEntry.Level.NOTE, "", note) for note in result.notes)]
        if result.outcome == "failed":
            entries.insert(0, (JobEntry.Level.FAILURE, result.feed.url, result.error))
        self.progress.advance(1, dict(self.counts), entries)


def poll(job: Job, progress: Progress) -> str:
    named = job.parameters.get("feeds") or []
    if named:
        feeds = feeds_to_poll(named)
        if job.total is None:
            progress.set_total(len(feeds))
        feeds = feeds[job.done:]
    else:
        # What is due when the worker gets to it; a resumed attempt looks again.
        progress.update(done=0)
        feeds = feeds_to_poll()
        progress.set_total(len(feeds))
    report = PollReport(progress)
    poll_feeds(feeds, claimed=not named, each=report)
    return ", ".join(f"{count} {name}" for name, count in report.counts.items())


RUNNERS = {
    Job.Kind.IMPORT: import_files,
    Job.Kind.REEXTRACT: reextract,
    Job.Kind.REINDEX: reindex,
    Job.Kind.POLL: poll,
    Job.Kind.PAGES: import_pages,
}
