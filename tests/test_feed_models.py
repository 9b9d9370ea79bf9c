from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.feed_models import MAX_BACKOFF
from articles.models import Feed
from tests.factories import make_source

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def make_feed(**fields) -> Feed:
    fields.setdefault("url", "https://news.example/rss")
    return Feed.objects.create(source=fields.pop("source", None) or make_source(), **fields)


@pytest.mark.parametrize("url", ["ftp://news.example/rss", "file:///etc/passwd",
                                 "javascript:alert(1)"])
def test_a_feed_url_must_be_a_web_address_for_the_form(url):
    feed = Feed(source=make_source(), url=url)
    with pytest.raises(ValidationError) as raised:
        feed.full_clean()
    assert "http:// or https://" in str(raised.value)


def test_the_database_refuses_a_feed_url_that_is_no_web_address():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_feed(url="file:///etc/passwd")


def test_the_database_refuses_a_poll_interval_under_five_minutes():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_feed(poll_interval=1)


def test_a_new_feed_is_due_at_once_and_an_inactive_one_never():
    new = make_feed(url="https://a.example/rss")
    make_feed(url="https://b.example/rss", is_active=False)
    assert list(Feed.objects.due(NOW)) == [new]


def test_a_feed_polled_successfully_is_due_again_after_its_interval():
    feed = make_feed(poll_interval=30)
    feed.succeeded(NOW, new_items=4)
    feed.save()
    assert (feed.new_items, feed.last_success_at, feed.last_error) == (4, NOW, "")
    assert not Feed.objects.due(NOW + timedelta(minutes=29)).exists()
    assert Feed.objects.due(NOW + timedelta(minutes=30)).get() == feed


def test_each_failure_in_a_row_doubles_the_wait_up_to_a_day():
    feed = make_feed(poll_interval=60)
    waits = []
    for _ in range(7):
        feed.failed(NOW, "HTTP 500")
        waits.append(feed.next_poll_at - NOW)
    assert waits[:4] == [timedelta(hours=2), timedelta(hours=4), timedelta(hours=8),
                         timedelta(hours=16)]
    assert waits[4:] == [MAX_BACKOFF] * 3
    assert (feed.consecutive_failures, feed.last_error, feed.last_success_at) == \
        (7, "HTTP 500", None)


def test_a_success_after_failures_goes_back_to_the_plain_interval():
    feed = make_feed(poll_interval=60)
    for _ in range(3):
        feed.failed(NOW, "timed out")
    feed.succeeded(NOW, new_items=0)
    assert feed.consecutive_failures == 0
    assert feed.next_poll_at - NOW == timedelta(hours=1)


def test_a_very_long_streak_of_failures_stays_at_the_cap():
    feed = make_feed(poll_interval=60, consecutive_failures=10_000)
    feed.failed(NOW, "HTTP 503")
    assert feed.next_poll_at - NOW == MAX_BACKOFF
