from datetime import timedelta
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone

from articles.ingest import polling
from articles.ingest.importer import Importer, ImportOptions
from articles.ingest.polling import PAGES_AT_ONCE, feeds_to_poll, poll_feeds
from articles.ingest.readers import read_html
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


def test_markup_and_control_characters_in_entries_do_not_reach_the_article(web):
    feed = make_feed(web, rss(entry(
        1, title="Deal\x00 signed\x0b today",
        description="<script>alert(1)</script><img src=x onerror=alert(2)><p>The operator "
                    "signed the deal on Monday, the company said in a statement issued in the "
                    "capital, and deliveries start next spring.</p>")).replace("\x00", "&#0;"))
    poll(feed)
    article = Article.objects.get()
    assert "<" not in article.body and "onerror" not in article.body
    assert article.body.startswith("The operator signed the deal")  # scripts dropped whole
    assert "\x00" not in article.title and "\x0b" not in article.title


def test_an_entity_expansion_bomb_in_a_feed_is_not_expanded(web):
    entities = "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, 9))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e0 "lol">{entities}]>'
            '<rss version="2.0"><channel><title>t</title><item><title>&e8;</title>'
            "<description>x</description></item></channel></rss>")
    feed = make_feed(web, bomb)
    poll(feed)
    assert not Article.objects.filter(title__contains="lollol").exists()
    assert feed.last_fetch_at is not None


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


# --- entries' pages -----------------------------------------------------------------------

PAGES = Path(__file__).parent / "data" / "pages"
FRIGATES = (PAGES / "defense-daily.html").read_text()
SUMMARY = "The navy ordered four frigates, the ministry said."


def test_an_entry_linking_to_a_page_gets_the_pages_main_text(web):
    link = web.add("/news/frigates", FRIGATES)
    feed = make_feed(web, rss({"title": "Navy orders frigates", "link": link,
                               "description": SUMMARY}))
    poll(feed)
    article = Article.objects.get()
    assert article.body.startswith("The navy has ordered four frigates from Anadolu Yards")
    assert "said Admiral Selim Ersoy" in article.body
    for marker in ("COOKIE-BANNER-TEXT", "NAV-", "ADVERT-TEXT", "SHARE-", "RELATED-LINK",
                   "COMMENT-TEXT", "FOOTER-TEXT"):
        assert marker not in article.body
    # The feed's own title and summary are kept; the page gave the byline.
    assert (article.title, article.summary, article.byline) == \
        ("Navy orders frigates", SUMMARY, "Deniz Kaya")
    assert article.url == link


@pytest.mark.parametrize(("page", "reason"), [
    ({"status": 404, "body": "gone"}, "HTTP 404 Not Found"),
    ({"content_type": "application/pdf", "body": "%PDF-1.4"}, "served as “application/pdf”"),
    ({"body": "<html>" + "x" * 3000 + "</html>"}, "too large: 3013 bytes (the limit is 3000)"),
    ({"body": FRIGATES, "delay": 3}, "no answer within 1 seconds"),
    ({"body": "<html><body><nav>Home</nav></body></html>"}, "no article text found"),
])
def test_when_the_page_cannot_be_read_the_feeds_own_text_is_kept(web, settings, page, reason):
    settings.FETCH_MAX_BYTES = 3000
    link = web.add("/news/frigates", page.pop("body"), **page)
    feed = make_feed(web, rss(entry(1, link=link)))
    [result] = poll(feed)
    article = Article.objects.get()
    assert article.body == entry(1)["description"] and article.summary == ""
    [note] = [note for note in result.notes if "was not read" in note]
    assert reason in note and note.endswith("the feed's own text was kept.")
    assert feed.last_error == "" and feed.new_items == 1


def test_a_feeds_pages_are_fetched_a_few_at_once(web):
    links = [web.add(f"/news/{n}", FRIGATES.replace("four frigates", f"{n} frigates"),
                     delay=0.5) for n in range(6)]
    feed = make_feed(web, rss(*(entry(n, link=link) for n, link in enumerate(links))))
    [result] = poll(feed)
    assert result.created == 6
    assert web.most_at_once == PAGES_AT_ONCE == 4


def test_a_feed_of_very_many_new_entries_has_only_so_many_pages_fetched(web, monkeypatch):
    monkeypatch.setattr(polling, "MAX_PAGES_PER_POLL", 2)
    links = [web.add(f"/news/{n}", FRIGATES.replace("four frigates", f"{n} frigates"))
             for n in range(5)]
    feed = make_feed(web, rss(*(entry(n, link=link) for n, link in enumerate(links))))
    [result] = poll(feed)
    assert result.created == 5
    assert sum(len(web.requested(f"/news/{n}")) for n in range(5)) == 2
    assert f"{feed.url}: 3 more new entries kept the feed's own text (at most 2 pages are " \
           "fetched a poll)." in result.notes
    assert Article.objects.filter(body=entry(4)["description"]).exists()


def test_a_relative_entry_link_is_taken_from_the_feeds_address(web):
    web.add("/news/frigates", FRIGATES)
    feed = make_feed(web, rss({"title": "Navy orders frigates", "link": "/news/frigates",
                               "description": SUMMARY}))
    poll(feed)
    assert Article.objects.get().url == web.url("/news/frigates")


def test_a_feed_on_schedule_brings_full_pages_for_review_and_folds_a_republished_copy(web):
    # The agency's story is in the archive already, published.
    agency = make_source(name="Global Agency Wire")
    agency_copy = read_html(FRIGATES.encode(), "agency", url="https://agency.example/frigates")
    options = ImportOptions(source=agency, status=Article.Status.PUBLISHED)
    [original] = Importer(options).run([agency_copy]).articles
    # An outlet's feed: its own news, and the agency story retitled with a paragraph added.
    web.add("/news/gas", (PAGES / "energy-wire.html").read_text())
    republished = FRIGATES.replace(
        "Navy orders four frigates from Anadolu Yards", "Frigate deal for Anadolu Yards").replace(
        "<p>Anadolu Yards said", "<p>Local officials welcomed the order, which they said "
        "would bring new investment to the towns around the shipyard.</p><p>Anadolu Yards said")
    web.add("/news/frigates", republished)
    feed = make_feed(web, rss(
        {"title": "Gas flows through the new interconnector", "link": web.url("/news/gas"),
         "description": "Gas began to flow.", "pubDate": "Tue, 21 May 2024 10:00:00 GMT"},
        {"title": "Frigate deal for Anadolu Yards", "link": web.url("/news/frigates"),
         "description": "A frigate deal.", "pubDate": "Thu, 14 Mar 2024 12:00:00 GMT"}),
        etag='"feed-1"')
    [result] = poll_feeds(feeds_to_poll())
    assert result.created == 2
    gas = Article.objects.get(title="Gas flows through the new interconnector")
    assert gas.status == Article.Status.DRAFT and gas.source == feed.source
    assert "Traders said the first flows were modest" in gas.body
    assert "COMMENT-TEXT" not in gas.body
    assert gas.statements.exists() and not gas.statements.filter(is_reviewed=True).exists()
    copy = Article.objects.get(title="Frigate deal for Anadolu Yards")
    original.refresh_from_db()
    assert copy.story_id is not None and copy.story_id == original.story_id
    assert (original.is_canonical, copy.is_canonical) == (True, False)
    # Due again later: the feed answers 304 and nothing more is fetched or imported.
    Feed.objects.filter(pk=feed.pk).update(next_poll_at=timezone.now())
    [again] = poll_feeds(feeds_to_poll())
    assert again.outcome == "not modified" and Article.objects.count() == 3
    assert len(web.requested("/news/frigates")) == 1
