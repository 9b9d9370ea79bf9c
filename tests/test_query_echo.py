"""A page echoes only so much of its query string, however long the address."""

import pytest

from articles.filters import ECHOED_QUERY_LENGTH, ECHOED_VALUE_LENGTH
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def archive(db):
    for number in range(3):
        make_article(title=f"Pipeline deal {number}", countries=["TR"])


def test_a_30_kb_query_does_not_echo_into_a_huge_page(client):
    short = client.get("/articles/", {"q": "pipeline"})
    long = client.get("/articles/", {"q": "pipeline " + "x" * 30_000})
    assert long.status_code == 200
    assert len(long.content) < len(short.content) + 20 * ECHOED_VALUE_LENGTH
    assert "x" * (ECHOED_VALUE_LENGTH + 1) not in long.content.decode()


def test_the_reader_is_told_the_query_was_cut(client):
    response = client.get("/articles/", {"q": "pipeline " + "x" * 30_000})
    assert "longer than the archive reads" in response.content.decode()


def test_many_parameters_are_cut_to_the_echo_budget(client):
    response = client.get("/statements/?" + "&".join(f"junk{n}=value{n}" for n in range(900)))
    assert response.status_code == 200
    assert len(response.content) < 40 * ECHOED_QUERY_LENGTH
    assert "junk899" not in response.content.decode()


def test_an_ordinary_query_is_kept_whole_and_raises_no_notice(client):
    response = client.get("/articles/", {"q": "pipeline deal", "country": "tr"})
    page = response.content.decode()
    assert "longer than the archive reads" not in page
    assert 'value="pipeline deal"' in page


def test_the_feed_title_echoes_the_capped_query(client):
    response = client.get("/articles/feed/", {"q": "y" * 30_000})
    assert response.status_code == 200
    assert len(response.content) < 10 * ECHOED_VALUE_LENGTH + 20_000
