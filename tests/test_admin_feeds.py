from datetime import UTC, datetime

import pytest

from articles.jobs import Job
from articles.models import Feed
from tests.factories import make_source
from tests.queries import query_count

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def polled_feed(**fields) -> Feed:
    feed = Feed.objects.create(source=make_source(name="Wire Daily"),
                               url="https://wire.example/rss", **fields)
    feed.succeeded(NOW, new_items=7)
    feed.failed(NOW, "HTTP 503 from https://wire.example/rss")
    feed.succeeded(NOW, new_items=3)
    feed.failed(NOW, "timed out after 10 seconds")
    feed.save()
    return feed


def test_the_feed_list_shows_each_feeds_last_fetch_success_error_and_new_items(editor_client):
    polled_feed()
    html = editor_client.get("/admin/articles/feed/").content.decode()
    for column in ("Last fetch", "Last success", "Last error", "New in last fetch"):
        assert column in html
    assert "https://wire.example/rss" in html
    assert "timed out after 10 seconds" in html


def test_an_editor_can_add_a_feed_to_a_source(editor_client):
    source = make_source()
    response = editor_client.post("/admin/articles/feed/add/", {
        "source": source.pk, "url": "news.example/feed.xml", "is_active": "on",
        "poll_interval": "15"})
    assert response.status_code == 302
    feed = Feed.objects.get()
    # A pasted address without a scheme is taken as https, as for other links.
    assert (feed.source, feed.url, feed.poll_interval) == \
        (source, "https://news.example/feed.xml", 15)


def test_a_feed_with_a_file_url_is_refused_with_a_message(editor_client):
    response = editor_client.post("/admin/articles/feed/add/", {
        "source": make_source().pk, "url": "file:///etc/passwd", "poll_interval": "60"})
    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
    assert not Feed.objects.exists()


def test_the_poll_record_cannot_be_edited_in_the_form(editor_client):
    feed = polled_feed()
    html = editor_client.get(f"/admin/articles/feed/{feed.pk}/change/").content.decode()
    assert 'name="url"' in html
    assert 'name="last_error"' not in html and 'name="etag"' not in html
    assert "timed out after 10 seconds" in html


def test_a_sources_page_lists_its_feeds_inline_and_marks_it_trusted(editor_client):
    feed = polled_feed()
    html = editor_client.get(
        f"/admin/articles/source/{feed.source.pk}/change/").content.decode()
    assert 'name="feeds-0-url"' in html and "https://wire.example/rss" in html
    assert "timed out after 10 seconds" in html
    assert 'name="trusted"' in html


def test_poll_now_queues_a_job_and_fetches_nothing_in_the_request(editor_client, editor):
    feed = polled_feed()
    response = editor_client.post("/admin/articles/feed/", {
        "action": "poll_now", "_selected_action": [feed.pk]})
    job = Job.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/articles/job/{job.pk}/change/"
    assert (job.kind, job.state, job.parameters, job.requested_by) == \
        (Job.Kind.POLL, Job.State.QUEUED, {"feeds": [feed.pk]}, editor)
    feed.refresh_from_db()
    assert feed.last_error == "timed out after 10 seconds"  # untouched: nothing was fetched


def test_the_feed_list_and_a_sources_feeds_use_a_constant_number_of_queries(editor_client):
    source = make_source(name="Many Feeds")
    counter = iter(range(1000))

    def add(count):
        for _ in range(count):
            number = next(counter)
            Feed.objects.create(source=source, url=f"https://many.example/{number}.xml")
            Feed.objects.create(source=make_source(), url=f"https://other.example/{number}.xml")

    add(2)
    few = [query_count(editor_client, "/admin/articles/feed/"),
           query_count(editor_client, f"/admin/articles/source/{source.pk}/change/")]
    add(10)
    assert [query_count(editor_client, "/admin/articles/feed/"),
            query_count(editor_client, f"/admin/articles/source/{source.pk}/change/")] == few
