"""Feeds polled: fetched with the conditions they last gave, their new entries imported.

Feed entries mostly carry a summary: an entry that links to a page has the page fetched
(with the same limits) and its main text taken (readers.read_html); when the page cannot
be fetched or read, the entry keeps the feed's own text, and the job's log says why.

A poll goes through the importer that files go through (deduplication, syndicated copies
into stories, extraction of suggestions for review): a trusted source's articles are
published at once, anyone else's wait as drafts. Entries already in the archive (by URL)
are left out before anything else is done for them. Each poll is recorded on its feed
(articles/feed_models.py), which schedules the next one.

Several pollers may run at once (cron beside a worker, or many workers): a due feed is
claimed by moving its next poll ahead in one conditional UPDATE, and a poller that finds
the feed already moved leaves it to the one that moved it.
"""

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

import httpx
from django.db.models import Q
from django.utils import timezone

from articles.ingest.fetching import FEED_TYPES, PAGE_TYPES, FetchError, fetch, new_client
from articles.ingest.importer import Importer, ImportOptions, ImportSummary
from articles.ingest.readers import ArticleRecord, Problem, read_feed, read_html
from articles.models import Article, Feed
from articles.web_urls import is_web_url

# How long a claimed feed is left to its poller before another may take it: a poller that
# died mid-poll does not keep its feeds from being polled for long.
CLAIM = timedelta(minutes=15)
# Pages of one feed fetched at once: enough to hide a server's latency, few enough to be polite.
PAGES_AT_ONCE = 4
# A feed of thousands of new entries (hostile, or a first poll of an archive feed) is not
# thousands of page fetches: past this, entries keep the feed's text.
MAX_PAGES_PER_POLL = 100
POLL_RECORD = ["etag", "last_modified", "last_fetch_at", "last_success_at", "last_error",
               "consecutive_failures", "next_poll_at", "new_items"]


@dataclass
class PollResult:
    feed: Feed
    outcome: str  # "imported", "not modified" or "failed"
    created: int = 0
    unchanged: int = 0
    error: str = ""
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.outcome == "failed":
            return f"{self.feed.url}: failed, {self.error}"
        if self.outcome == "not modified":
            return f"{self.feed.url}: not modified"
        return (f"{self.feed.url}: {self.created} new, {self.unchanged} already in the archive, "
                f"{len(self.problems)} not imported")


def claim(feed: Feed, now) -> bool:
    """Take a due feed for this poller; False when another poller took it first."""
    due = Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    return bool(Feed.objects.filter(due, pk=feed.pk).update(next_poll_at=now + CLAIM))


def options_for(feed: Feed) -> ImportOptions:
    trusted = feed.source.trusted
    return ImportOptions(source=feed.source, status=Article.Status.PUBLISHED if trusted
                         else Article.Status.DRAFT)


def new_entries(records: list[ArticleRecord]) -> list[ArticleRecord]:
    """The entries whose address the archive does not hold yet."""
    urls = {record.url for record in records if record.url}
    known = set(Article.objects.filter(url__in=urls).values_list("url", flat=True))
    return [record for record in records if not record.url or record.url not in known]


def page_record(client: httpx.Client, url: str, origin: str) -> ArticleRecord | Problem:
    """The article of the page at `url`: fetched with the limits of any fetch, then read."""
    try:
        fetched = fetch(client, url, PAGE_TYPES)
    except FetchError as error:
        return Problem(origin, str(error))
    return read_html(fetched.body, origin, url=url)


def with_page_text(client: httpx.Client, record: ArticleRecord) -> ArticleRecord:
    """The entry with its page's text, date and byline where the page gives them; the
    feed's own text, kept as the summary, or as the body when the page cannot be read."""
    if not is_web_url(record.url):
        return record
    page = page_record(client, record.url, record.url)
    if isinstance(page, Problem):
        record.notes.append(f"{record.origin}: the page {record.url[:200]} was not read "
                            f"({page.reason}); the feed's own text was kept.")
        return record
    record.summary = record.summary or record.body
    record.body = page.body
    record.published = record.published or page.published
    record.byline = record.byline or page.byline
    return record


class Poller:
    """Polls feeds one at a time over one HTTP client (its connections reused); the pages of
    a feed's new entries are fetched a few at once, as a remote server's latency, not our
    work, is most of a page's cost. Fetching and reading pages touch no database."""

    def __enter__(self):
        self.client = new_client()
        self.pool = ThreadPoolExecutor(PAGES_AT_ONCE, thread_name_prefix="page-fetch")
        return self

    def __exit__(self, *exc):
        self.pool.shutdown(cancel_futures=True)
        self.client.close()

    def poll(self, feed: Feed) -> PollResult:
        now = timezone.now()
        try:
            fetched = fetch(self.client, feed.url, FEED_TYPES, etag=feed.etag,
                            last_modified=feed.last_modified)
        except FetchError as error:
            return self.failed(feed, now, str(error))
        if fetched.not_modified:
            feed.succeeded(now, new_items=0)
            feed.save(update_fields=POLL_RECORD)
            return PollResult(feed, "not modified")
        items = list(read_feed(fetched.body, feed.url, base=fetched.url))
        records = [item for item in items if isinstance(item, ArticleRecord)]
        problems = [item for item in items if isinstance(item, Problem)]
        if not records and problems:
            whole = problems[0].origin == feed.url  # the feed itself could not be read
            return self.failed(feed, now, problems[0].reason if whole else
                               f"none of its {len(problems)} entries could be read (the first: "
                               f"{problems[0].reason})")
        fresh = new_entries(records)
        with_pages = list(self.pool.map(partial(with_page_text, self.client),
                                        fresh[:MAX_PAGES_PER_POLL]))
        notes = [f"{feed.url}: {len(fresh) - MAX_PAGES_PER_POLL} more new entries kept the "
                 f"feed's own text (at most {MAX_PAGES_PER_POLL} pages are fetched a poll)."
                 ] if len(fresh) > MAX_PAGES_PER_POLL else []
        fresh = with_pages + fresh[MAX_PAGES_PER_POLL:]
        # The importer loads what extraction knows first: not worth it for nothing new.
        summary = Importer(options_for(feed)).run([*fresh, *problems]) if fresh or problems \
            else ImportSummary()
        summary.notes[:0] = notes
        feed.etag, feed.last_modified = fetched.etag, fetched.last_modified
        feed.succeeded(now, new_items=summary.created)
        feed.save(update_fields=POLL_RECORD)
        return PollResult(feed, "imported", created=summary.created,
                          unchanged=summary.unchanged + len(records) - len(fresh),
                          problems=summary.problems, notes=summary.notes)

    @staticmethod
    def failed(feed: Feed, now, error: str) -> PollResult:
        feed.failed(now, error)
        feed.save(update_fields=POLL_RECORD)
        return PollResult(feed, "failed", error=error)


def feeds_to_poll(feed_ids: Iterable[int] = (), every: bool = False) -> list[Feed]:
    """The feeds named, or every active one, or (by default) the due ones."""
    feeds = Feed.objects.select_related("source").order_by("pk")
    if feed_ids:
        return list(feeds.filter(pk__in=list(feed_ids)))
    return list(feeds.filter(is_active=True) if every else feeds.due())


def poll_feeds(feeds: list[Feed], claimed: bool = True,
               each: Callable[[PollResult], object] = lambda result: None) -> list[PollResult]:
    """Poll the feeds one after another; with `claimed`, only those this poller claims."""
    results = []
    with Poller() as poller:
        for feed in feeds:
            if claimed and not claim(feed, timezone.now()):
                continue
            result = poller.poll(feed)
            results.append(result)
            each(result)
    return results
