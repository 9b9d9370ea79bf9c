"""What an empty list suggests: only what could find something."""

import re

import pytest

from tests.factories import make_article, make_company

pytestmark = pytest.mark.django_db

URL = "/articles/"


def suggestions(response):
    html = response.content.decode()
    block = re.search(r'<ul class="suggestions">(.*?)</ul>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", block.group(1))).strip() if block else ""


def test_a_search_without_filters_suggests_no_filter_to_remove(client, indexed):
    with indexed():
        make_article(title="Pipeline news")
    response = client.get(URL, {"q": "botas"})
    html = response.content.decode()
    assert "No articles match “botas”." in html
    assert "Check the spelling" in suggestions(response)
    assert "Remove" not in suggestions(response)
    assert "these filters" not in html


def test_the_filters_that_are_set_are_offered_for_removal(client, indexed):
    with indexed():
        make_article(title="Pipeline news", countries=["TR"])
    response = client.get(URL, {"q": "pipeline", "country": "ru",
                                "published_after": "2020-01-01"})
    text = suggestions(response)
    assert "Remove country: Russia" in text and "Remove from: 2020-01-01" in text
    assert "Remove sector" not in text and "Remove company" not in text
    html = response.content.decode()
    assert 'href="?q=pipeline&amp;published_after=2020-01-01">Remove country: Russia' in html


def test_several_words_get_a_link_that_finds_any_of_them(client, indexed):
    with indexed():
        make_article(title="Pipeline news")
    response = client.get(URL, {"q": 'pipeline "frigate deal" -gas'})
    assert ('href="?q=pipeline+or+%22frigate+deal%22">find any of the words'
            in response.content.decode())


def test_one_word_gets_no_any_of_link(client, indexed):
    with indexed():
        make_article(title="Pipeline news")
    assert "any of the words" not in client.get(URL, {"q": "frigate"}).content.decode()


def test_an_entity_spelt_close_to_the_search_is_suggested(client, indexed):
    with indexed():
        company = make_company(name="Volkaro Engine Works")
        make_article(title="Engines", companies=[company])
    response = client.get(URL, {"q": "volkro"})
    assert "Did you mean the company Volkaro Engine Works? (1 article)" in suggestions(response)
    assert f'href="{company.get_absolute_url()}"' in response.content.decode()


def test_an_entity_whose_name_starts_like_the_search_is_suggested(client, indexed):
    with indexed():
        make_company(name="Marmara Pipeline Company")
        make_article(title="Other news")
    assert "Marmara Pipeline Company" in suggestions(client.get(URL, {"q": "marm turbines"}))


def test_a_list_that_finds_something_suggests_nothing(client, indexed):
    with indexed():
        make_article(title="Pipeline news")
    assert 'class="no-results"' not in client.get(URL, {"q": "pipeline"}).content.decode()


def test_an_empty_archive_says_it_has_nothing_yet(client):
    html = client.get("/statements/").content.decode()
    assert "No statements match. The archive has none yet." in html
    assert "suggestions" not in html
