"""Saved and fetched news pages: their article, without the rest of the page."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.ingest.readers import ArticleRecord, Problem, read_file, read_html
from articles.jobs import Job, JobEntry
from articles.models import Article, Source
from tests.jobs import work_off_queue

PAGES = Path(__file__).parent / "data" / "pages"
# Markers written into every part of the test pages that is not the article.
NOT_THE_ARTICLE = ["COOKIE-BANNER-TEXT", "NAV-", "ADVERT-TEXT", "SHARE-", "RELATED-LINK",
                   "COMMENT-TEXT", "FOOTER-TEXT", "NEWSLETTER-BOX", "SIDEBAR-WIDGET",
                   "TAG-LINK", "SECRET-TRACKER", "Accept all cookies", "Sign up"]


def page(name: str) -> ArticleRecord:
    [record] = read_file(PAGES / name)
    assert isinstance(record, ArticleRecord), record
    return record


@pytest.mark.parametrize("name", ["defense-daily.html", "energy-wire.html",
                                  "agency-graph.html"])
def test_only_the_article_text_is_kept_of_a_news_page(name):
    record = page(name)
    for marker in NOT_THE_ARTICLE:
        assert marker not in record.body, marker
        assert marker not in record.title, marker
    assert len(record.body.split("\n\n")) >= 3


def test_title_date_and_byline_come_from_json_ld_news_article_metadata():
    record = page("defense-daily.html")
    assert record.title == "Navy orders four frigates from Anadolu Yards"
    assert (record.published, record.byline) == (date(2024, 3, 14), "Deniz Kaya")
    assert record.body.startswith("The navy has ordered four frigates")
    assert "said Admiral Selim Ersoy" in record.body
    assert record.body.endswith("suppliers across the country.")
    assert record.body.count("\n\n") == 3  # four paragraphs, as on the page


def test_a_page_without_json_ld_gives_its_time_element_byline_and_canonical_address():
    record = page("energy-wire.html")
    assert record.title == "Gas flows through the new interconnector"
    assert (record.published, record.byline) == (date(2024, 5, 21), "Maria Popescu")
    assert record.url == "https://energy-wire.example/2024/05/interconnector-opens"
    # The headline is the title, not the first paragraph as well.
    assert record.body.startswith("Natural gas began flowing")
    assert "Traders said the first flows were modest" in record.body


def test_json_ld_in_a_graph_gives_the_headline_date_and_author():
    record = page("agency-graph.html")
    assert record.title == "Refinery restarts after a month of repairs"
    assert (record.published, record.byline) == (date(2023, 11, 2), "Tomas Novak")
    assert record.source == "Global Agency Wire"


def test_a_page_with_no_article_text_is_a_problem_not_an_empty_article():
    result = read_html(b"<html><head><title>Front page</title></head><body><nav><a href='/'>"
                       b"Home</a> <a href='/gas'>Gas</a></nav><p>Subscribe</p></body></html>",
                       "empty")
    assert result == Problem("empty", "no article text found in the page")


def test_a_hostile_canonical_address_is_not_kept():
    html = (b'<html><head><title>T</title><link rel="canonical" href="javascript:alert(1)">'
            b"</head><body><article><p>" + b"A long enough paragraph of text. " * 20
            + b"</p></article></body></html>")
    assert read_html(html, "hostile").url == ""


def test_a_file_that_starts_like_html_is_read_as_a_page_whatever_its_name(tmp_path):
    saved = tmp_path / "saved-page"
    saved.write_bytes((PAGES / "defense-daily.html").read_bytes())
    [record] = read_file(saved)
    assert record.title == "Navy orders four frigates from Anadolu Yards"


@pytest.mark.django_db
def test_import_articles_takes_saved_web_pages(tmp_path):
    out = StringIO()
    call_command("import_articles", str(PAGES), stdout=out, stderr=StringIO())
    assert "3 created" in out.getvalue()
    article = Article.objects.get(title="Navy orders four frigates from Anadolu Yards")
    assert (article.status, article.byline, article.source.name) == \
        (Article.Status.DRAFT, "Deniz Kaya", "Defense Daily")
    assert "COMMENT-TEXT" not in article.body


@pytest.mark.django_db
def test_an_html_file_uploaded_in_the_admin_is_imported_by_the_worker(
        editor_client, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("frigates.html", (PAGES / "defense-daily.html").read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post("/admin/articles/article/import/", {
            "files": [upload], "status": "draft", "extract": "on"})
    work_off_queue()
    article = Article.objects.get()
    assert (article.title, article.published_on) == \
        ("Navy orders four frigates from Anadolu Yards", date(2024, 3, 14))


IMPORT_URL = "/admin/articles/article/import/"


@pytest.mark.django_db
def test_an_editor_pastes_page_addresses_and_a_worker_imports_them(
        editor_client, web, django_capture_on_commit_callbacks):
    good = web.add("/navy", (PAGES / "defense-daily.html").read_bytes())
    missing = web.url("/gone")
    source = Source.objects.create(name="Defense Daily")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(IMPORT_URL, {
            "pages-urls": f"{good}\n\n{missing}\n{good}\n", "pages-source": source.pk,
            "pages-status": "draft", "pages-extract": "on"})
    job = Job.objects.get()
    assert response.headers["Location"] == f"/admin/articles/job/{job.pk}/change/"
    assert (job.kind, job.parameters["urls"]) == (Job.Kind.PAGES, [good, missing])
    assert web.requested("/navy") == []  # nothing fetched in the request
    work_off_queue()
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == (Job.State.DONE, 2, 2)
    article = Article.objects.get()
    assert (article.url, article.source, article.byline) == (good, source, "Deniz Kaya")
    failure = job.entries.get(level=JobEntry.Level.FAILURE)
    assert (failure.origin, failure.message) == (missing, "HTTP 404 Not Found")


@pytest.mark.django_db
@pytest.mark.parametrize("urls", ["file:///etc/passwd", "javascript:alert(1)",
                                  "ftp://news.example/a"])
def test_a_pasted_address_that_is_not_a_web_page_is_refused_with_a_message(editor_client,
                                                                           urls):
    response = editor_client.post(IMPORT_URL, {"pages-urls": urls, "pages-status": "draft"})
    assert response.status_code == 200
    assert "Only http:// and https:// addresses can be imported" in response.content.decode()
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_too_many_pasted_addresses_are_refused(editor_client):
    urls = "\n".join(f"https://news.example/{n}" for n in range(51))
    response = editor_client.post(IMPORT_URL, {"pages-urls": urls, "pages-status": "draft"})
    assert "At most 50 pages at a time (51 were given)." in response.content.decode()
