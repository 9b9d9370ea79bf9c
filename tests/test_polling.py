from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from articles.ingest.polling import feeds_to_poll, poll_feeds
from articles.jobs import Job, JobEntry
from articles.models import Article, Feed, Statement
from articles.tasks import start_poll
from tests.factories import make_article, make_source
from tests.jobs import work_off_queue
from tests.sites import RSS_TYPE, entry, rss

pytestmark = pytest.mark.django_db


def make_feed(web, body: str = "", path: str = "/rss", trusted: bool = False, **page) -> Feed:
    page.setdefault("content_type", RSS_TYPE)
    url = web.add(path, body or rss(entry(1), entry(2)), **page)
    source = make_source(name=f"Outlet of {path}", trusted=trusted)
    return Feed.objects.create(source=source, url=url, poll_interval=30)


def poll(*feeds: Feed):
    results = poll_feeds(list(feeds), claimed=False)
    for feed in feeds:
        feed.refresh_from_db()
    return results


def test_new_entries_are_imported_as_drafts_of_the_feeds_source_with_suggestions(web):
    feed = make_feed(web, rss(entry(1, description="“We will deliver in May,” said Ali Veli, "
                                                   "chief executive of Botas, on Monday.")))
    [result] = poll(feed)
    article = Article.objects.get()
    assert (result.outcome, result.created) == ("imported", 1)
    assert (article.title, article.source, article.status) == \
        ("Pipeline contract number 1 signed", feed.source, Article.Status.DRAFT)
    assert article.url == "https://wire.example/news/1"
    assert article.published_on.isoformat() == "2024-05-06"
    assert Statement.objects.filter(article=article, is_reviewed=False).exists()


def test_a_trusted_sources_entries_are_published_at_once(web):
    poll(make_feed(web, trusted=True))
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.PUBLISHED}


def test_a_poll_is_recorded_on_the_feed_and_the_next_one_scheduled(web):
    feed = make_feed(web, etag='"v1"', headers={"Last-Modified": "Mon, 06 May 2024 09:00 GMT"})
    before = timezone.now()
    poll(feed)
    assert feed.new_items == 2 and feed.last_error == "" and feed.consecutive_failures == 0
    assert before <= feed.last_fetch_at == feed.last_success_at
    assert feed.next_poll_at == feed.last_fetch_at + timedelta(minutes=30)
    assert (feed.etag, feed.last_modified) == ('"v1"', "Mon, 06 May 2024 09:00 GMT")


def test_a_second_poll_is_answered_not_modified_and_imports_nothing(web):
    feed = make_feed(web, etag='"v1"')
    poll(feed)
    [result] = poll(feed)
    assert result.outcome == "not modified"
    assert web.requested("/rss")[1]["If-None-Match"] == '"v1"'
    assert Article.objects.count() == 2
    assert (feed.new_items, feed.last_error) == (0, "")


def test_entries_already_in_the_archive_are_left_alone(web):
    make_article(title="Our own copy", url="https://wire.example/news/1")
    feed = make_feed(web, rss(entry(1), entry(2), entry(3)))
    [result] = poll(feed)
    assert (result.created, result.unchanged) == (2, 1)
    assert Article.objects.get(url="https://wire.example/news/1").title == "Our own copy"
    [again] = poll(feed)
    assert (again.created, again.unchanged, feed.new_items) == (0, 3, 0)


def test_each_failure_in_a_row_is_recorded_and_waits_twice_as_long(web):
    feed = make_feed(web, status=500)
    poll(feed)
    assert (feed.consecutive_failures, feed.last_error) == (1, "HTTP 500 Internal Server Error")
    assert feed.next_poll_at - feed.last_fetch_at == timedelta(minutes=60)
    assert feed.last_success_at is None
    poll(feed)
    assert feed.consecutive_failures == 2
    assert feed.next_poll_at - feed.last_fetch_at == timedelta(minutes=120)
    web.add("/rss", rss(entry(1)), content_type=RSS_TYPE)
    poll(feed)
    assert (feed.consecutive_failures, feed.last_error, feed.new_items) == (0, "", 1)
    assert feed.next_poll_at - feed.last_fetch_at == timedelta(minutes=30)


def test_a_malformed_feed_is_a_failure_with_the_parsers_reason(web):
    feed = make_feed(web, "<<this is {not} XML & never was")
    [result] = poll(feed)
    assert result.outcome == "failed" and feed.last_error.startswith("malformed feed (")
    assert not Article.objects.exists()


def test_a_feed_cut_off_midway_whose_entries_cannot_be_read_is_a_failure(web):
    feed = make_feed(web, "<rss><channel><item><title>Broken</ti")
    poll(feed)
    assert feed.last_error == "none of its 1 entries could be read (the first: no title)"
    assert feed.consecutive_failures == 1


def test_hostile_entries_are_refused_one_by_one_and_the_rest_imported(web):
    feed = make_feed(web, rss(
        entry(1, title="<script>alert(1)</script>Clean title of entry one"),
        entry(2, link="javascript:alert(document.cookie)"),
        entry(3, title="T" * 600),
        entry(4, title=""),
        entry(5, link="data:text/html,<script>alert(1)</script>"),
        entry(6),
    ))
    [result] = poll(feed)
    reasons = " | ".join(problem.reason for problem in result.problems)
    assert result.created == 2, reasons
    assert "not a web address" in reasons and "title longer than 500" in reasons
    assert "no title" in reasons
    titles = set(Article.objects.values_list("title", flat=True))
    assert titles == {"alert(1)Clean title of entry one", "Pipeline contract number 6 signed"}
    assert feed.new_items == 2 and feed.last_error == ""


def test_a_due_feed_another_poller_claimed_is_skipped(web):
    feed = make_feed(web)
    assert feeds_to_poll() == [feed]
    Feed.objects.filter(pk=feed.pk).update(next_poll_at=timezone.now() + timedelta(minutes=5))
    assert poll_feeds([feed]) == []
    assert web.requested("/rss") == []


def test_feeds_are_polled_on_schedule(web):
    feed = make_feed(web, rss(entry(1)))
    paused = make_feed(web, path="/paused")
    Feed.objects.filter(pk=paused.pk).update(is_active=False)
    assert [r.feed for r in poll_feeds(feeds_to_poll())] == [feed]
    assert feeds_to_poll() == []  # not due again before its interval
    web.add("/rss", rss(entry(1), entry(2)), content_type=RSS_TYPE)
    Feed.objects.filter(pk=feed.pk).update(next_poll_at=timezone.now() - timedelta(seconds=1))
    [result] = poll_feeds(feeds_to_poll())
    assert result.created == 1 and Article.objects.count() == 2
    assert web.requested("/paused") == []


def run_poll_job(django_capture_on_commit_callbacks, feed_ids=()) -> Job:
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        job = start_poll(feed_ids=feed_ids)
    work_off_queue()
    job.refresh_from_db()
    return job


def test_a_poll_job_reports_each_feed_and_logs_the_failures(web,
                                                            django_capture_on_commit_callbacks):
    good = make_feed(web, rss(entry(1), entry(2, link="javascript:alert(1)")))
    bad = make_feed(web, path="/gone", status=404)
    job = run_poll_job(django_capture_on_commit_callbacks, [good.pk, bad.pk])
    assert (job.state, job.done, job.total) == (Job.State.DONE, 2, 2)
    assert job.counts == {"new articles": 1, "not modified": 0, "failed feeds": 1,
                          "entries not imported": 1}
    failures = set(job.entries.filter(level=JobEntry.Level.FAILURE)
                   .values_list("origin", "message"))
    assert (bad.url, "HTTP 404 Not Found") in failures
    assert any("not a web address" in message for _, message in failures)


def test_a_poll_job_without_feeds_polls_those_due_when_it_runs(web,
                                                               django_capture_on_commit_callbacks):
    due = make_feed(web)
    later = make_feed(web, path="/later")
    Feed.objects.filter(pk=later.pk).update(next_poll_at=timezone.now() + timedelta(hours=1))
    job = run_poll_job(django_capture_on_commit_callbacks)
    assert (job.title, job.total, job.counts["new articles"]) == ("Poll of the feeds due", 1, 2)
    assert web.requested("/later") == [] and len(web.requested("/rss")) == 1
    due.refresh_from_db()
    assert due.new_items == 2
