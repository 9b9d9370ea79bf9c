"""With DEBUG on (what `make run` serves), a reader still gets the archive's own 404 page;
a developer still gets Django's debug page for a 500."""

import pytest
from django.urls import include, path

from articles.models import Article
from tests.factories import make_article


def broken_view(request):
    raise RuntimeError("a bug a developer wants to see")


urlpatterns = [
    path("broken/", broken_view),
    path("", include("archive.urls")),
]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug_on(settings):
    settings.DEBUG = True


def test_an_unknown_address_shows_the_archive_404_not_the_url_patterns(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "This page is not in the archive" in html
    assert "URLconf" not in html and "sitemap-&lt;section&gt;" not in html


def test_a_view_that_finds_nothing_shows_the_archive_404(client):
    draft = make_article(status=Article.Status.DRAFT)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "This page is not in the archive" in response.content.decode()
    assert "Raised by:" not in response.content.decode()


def test_an_address_without_its_trailing_slash_still_redirects(client):
    response = client.get("/articles")
    assert response.status_code == 301
    assert response["Location"] == "/articles/"


@pytest.mark.urls(__name__)
def test_a_server_error_keeps_the_debug_page_for_developers(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "a bug a developer wants to see" in response.content.decode()
    assert "Traceback" in response.content.decode()
