from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.jobs import Job
from articles.models import Article, Feed
from tests.factories import make_source
from tests.sites import RSS_TYPE, entry, rss

pytestmark = pytest.mark.django_db


def feed_at(web, path: str, body: str, **page) -> Feed:
    page.setdefault("content_type", RSS_TYPE)
    return Feed.objects.create(source=make_source(), url=web.add(path, body, **page))


def run(*arguments) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("poll_feeds", *arguments, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def not_due(feed: Feed) -> None:
    Feed.objects.filter(pk=feed.pk).update(next_poll_at=timezone.now() + timedelta(hours=1))


def test_it_polls_the_due_feeds_and_says_what_each_brought(web):
    due = feed_at(web, "/due", rss(entry(1), entry(2)))
    later = feed_at(web, "/later", rss(entry(3)))
    not_due(later)
    out, err = run()
    assert f"{due.url}: 2 new, 0 already in the archive, 0 not imported" in out
    assert "1 feeds polled: 2 new articles, 0 feeds failed." in out
    assert web.requested("/later") == [] and err == ""


def test_a_failed_feed_is_reported_on_stderr_and_does_not_stop_the_others(web):
    broken = feed_at(web, "/broken", "oops", status=500)
    feed_at(web, "/fine", rss(entry(1)))
    out, err = run()
    assert f"{broken.url}: failed, HTTP 500 Internal Server Error" in err
    assert "2 feeds polled: 1 new articles, 1 feeds failed." in out


def test_feed_names_a_feed_to_poll_now_even_when_not_due(web):
    feed = feed_at(web, "/rss", rss(entry(1)))
    not_due(feed)
    run("--feed", str(feed.pk))
    assert Article.objects.count() == 1


def test_all_polls_every_active_feed_due_or_not(web):
    first = feed_at(web, "/one", rss(entry(1)))
    not_due(first)
    inactive = feed_at(web, "/off", rss(entry(2)))
    Feed.objects.filter(pk=inactive.pk).update(is_active=False)
    out, _ = run("--all")
    assert "1 feeds polled: 1 new articles" in out
    assert web.requested("/off") == []


def test_an_unknown_feed_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No feed with id 999"):
        run("--feed", "999")


def test_feed_and_all_cannot_go_together(db):
    with pytest.raises(CommandError, match="not both"):
        run("--all", "--feed", "1")


def test_background_queues_a_poll_job_and_fetches_nothing(web):
    feed = feed_at(web, "/rss", rss(entry(1)))
    out, _ = run("--background", "--feed", str(feed.pk))
    job = Job.objects.get()
    assert (job.kind, job.parameters, job.state) == (Job.Kind.POLL, {"feeds": [feed.pk]},
                                                     Job.State.QUEUED)
    assert f"Job {job.pk} queued: Poll of 1 feed." in out
    assert web.requested("/rss") == []
