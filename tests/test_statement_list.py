from datetime import date

import pytest

from articles.models import Article, Sector
from tests.factories import make_article, make_company, make_speaker, make_statement
from tests.queries import query_count

pytestmark = pytest.mark.django_db

URL = "/statements/"


def texts(response):
    return [statement.text for statement in response.context["statement_page"].object_list]


def test_it_lists_statements_of_published_articles_only(client):
    make_statement(make_article(), text="Public words.")
    make_statement(make_article(status=Article.Status.DRAFT), text="Draft words.")
    response = client.get(URL)
    assert texts(response) == ["Public words."]
    assert "Draft words." not in response.content.decode()


def test_it_filters_by_speaker(client):
    speaker = make_speaker(name="Anna Quoted")
    article = make_article()
    make_statement(article, speaker=speaker, text="Hers.")
    make_statement(article, speaker=make_speaker(), text="Someone else's.")
    assert texts(client.get(URL, {"speaker": "anna-quoted"})) == ["Hers."]


def test_company_matches_statements_made_for_it_or_in_articles_about_it(client):
    company = make_company(name="Zeta Engines")
    make_statement(make_article(), speaker_organization=company, text="On its behalf.")
    make_statement(make_article(companies=[company]), text="In an article about it.")
    make_statement(make_article(), text="Unrelated.")
    assert sorted(texts(client.get(URL, {"company": "zeta-engines"}))) == [
        "In an article about it.", "On its behalf."
    ]


def test_it_filters_by_the_articles_countries_and_sectors(client):
    gas = Sector.objects.get(slug="natural-gas")
    make_statement(make_article(countries=["RU", "TR"], sectors=[gas]), text="Bilateral gas.")
    make_statement(make_article(countries=["RU"], sectors=[gas]), text="Russian gas.")
    assert texts(client.get(URL + "?country=ru&country=tr")) == ["Bilateral gas."]
    assert sorted(texts(client.get(URL, {"sector": "energy"}))) == [
        "Bilateral gas.", "Russian gas."
    ]


def test_it_filters_by_the_articles_dates(client):
    make_statement(make_article(published_on=date(2023, 5, 1)), text="Old.")
    make_statement(make_article(published_on=date(2025, 5, 1)), text="New.")
    assert texts(client.get(URL, {"published_after": "2024-01-01"})) == ["New."]
    assert texts(client.get(URL, {"published_before": "2024-01-01"})) == ["Old."]


def test_search_matches_quotes_and_speaker_names(client, indexed):
    with indexed():
        make_statement(make_article(), speaker=make_speaker(name="Karl Rostov"), text="About NATO.")
        make_statement(make_article(), text="About pipelines.")
    assert texts(client.get(URL, {"q": "rostov nato"})) == ["About NATO."]


def test_bad_parameters_are_explained_not_fatal(client):
    make_statement(make_article())
    response = client.get(URL, {"country": "xx", "page": "abc", "published_after": "soon"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is no country “XX”" in html
    assert "is not a page number" in html
    assert "Enter a valid date" in html


def test_the_number_of_queries_does_not_grow_with_the_rows_shown(client):
    company = make_company()

    def add_statements(count):
        for _ in range(count):
            make_statement(
                make_article(countries=["TR"]), speaker=make_speaker(), speaker_organization=company
            )

    add_statements(2)
    few = query_count(client, URL, {"country": "tr"})
    add_statements(15)
    assert query_count(client, URL, {"country": "tr"}) == few


def test_facets_count_statements_by_speaker_and_country(client):
    speaker = make_speaker(name="Facet Speaker")
    article = make_article(countries=["RU", "TR"])
    make_statement(article, speaker=speaker)
    make_statement(article, speaker=speaker)
    facets = {f.parameter: f for f in client.get(URL).context["facets"]}
    assert [(v.label, v.count) for v in facets["speaker"].values] == [("Facet Speaker", 2)]
    assert sorted((v.label, v.count) for v in facets["country"].values) == [
        ("Russia", 2), ("Türkiye", 2)
    ]
    assert facets["speaker"].values[0].url == "?speaker=facet-speaker"


def test_a_quote_is_shown_without_the_comma_that_led_into_its_attribution(client, indexed):
    with indexed():
        statement = make_statement(make_article(), text="We have the capacity, and the orders,")
    for parameters in ({}, {"q": "capacity"}):
        html = client.get(URL, parameters).content.decode()
        assert "the orders”" in html and "orders,”" not in html
    statement.refresh_from_db()
    assert statement.text == "We have the capacity, and the orders,"  # stored as printed


def test_a_comma_inside_a_quote_stays(client):
    make_statement(make_article(), text="Ships, trains, pipelines.")
    assert "“Ships, trains, pipelines.”" in client.get(URL).content.decode()
