import pytest

from articles.caching import content_version, versioned
from articles.models import Article
from tests.factories import make_article, make_company, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.ARCHIVE_PAGE_CACHE = True


def test_an_anonymous_reader_gets_the_second_view_of_a_page_from_the_cache(client):
    make_article(title="Turbine order")
    first = client.get("/articles/")
    second = client.get("/articles/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_cached_pages_carry_validators_and_say_they_may_be_shared(client):
    make_article()
    response = client.get("/articles/")
    assert response["ETag"].startswith('"')
    assert "Last-Modified" in response
    assert "public" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_the_max_age_is_configurable(client, settings):
    settings.ARCHIVE_PAGE_MAX_AGE = 120
    make_article()
    assert "max-age=120" in client.get("/articles/")["Cache-Control"]


def test_a_reader_revalidating_an_unchanged_page_gets_a_304(client):
    make_article()
    etag = client.get("/articles/")["ETag"]
    assert client.get("/articles/", headers={"if-none-match": etag}).status_code == 304


def test_an_edit_is_seen_by_the_next_reader_at_once(client, indexed):
    with indexed():
        article = make_article(title="Old headline")
    assert b"Old headline" in client.get("/articles/").content
    with indexed():
        article.title = "New headline"
        article.save()
    page = client.get("/articles/").content
    assert b"New headline" in page
    assert b"Old headline" not in page


def test_publishing_a_draft_shows_it_on_the_cached_list(client, indexed):
    with indexed():
        draft = make_article(title="Held back", status=Article.Status.DRAFT)
    assert b"Held back" not in client.get("/articles/").content
    with indexed():
        draft.status = Article.Status.PUBLISHED
        draft.save()
    assert b"Held back" in client.get("/articles/").content


def test_a_review_decision_shows_the_statement_at_once(client):
    article = make_article()
    statement = make_statement(article, text="We will double the output.", is_reviewed=False)
    assert b"double the output" not in client.get(article.get_absolute_url()).content
    statement.is_reviewed = True
    statement.save()
    assert b"double the output" in client.get(article.get_absolute_url()).content


def test_a_change_to_links_bumps_the_version():
    article = make_article()
    before = content_version()
    article.companies.add(make_company(name="Link Co"))
    assert content_version() > before


def test_the_version_is_bumped_again_when_the_change_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_article()
    before = content_version()
    for callback in callbacks:
        callback()
    assert content_version() > before


def test_editors_always_get_a_fresh_private_page(editor_client):
    make_article()
    editor_client.get("/articles/")
    response = editor_client.get("/articles/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_exports_are_streamed_and_never_stored(client):
    make_article()
    client.get("/articles/export.csv")
    response = client.get("/articles/export.csv")
    assert response.streaming
    assert "X-Page-Cache" not in response


def test_a_page_that_is_not_found_is_not_stored(client):
    client.get("/articles/no-such-article/")
    assert "X-Page-Cache" not in client.get("/articles/no-such-article/")


def test_versioned_values_are_rebuilt_after_a_change():
    calls = []

    def build():
        calls.append(1)
        return len(calls)

    assert versioned("test-count", build) == 1
    assert versioned("test-count", build) == 1
    make_article()
    assert versioned("test-count", build) == 2
