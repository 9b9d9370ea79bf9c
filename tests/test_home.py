from datetime import date

import pytest

from articles.models import Article, Sector
from tests.factories import make_article, make_company
from tests.queries import query_count

pytestmark = pytest.mark.django_db


def test_it_shows_a_search_box_that_searches_the_articles(client):
    html = client.get("/").content.decode()
    assert 'action="/articles/"' in html
    assert 'name="q"' in html


def test_it_lists_the_latest_published_articles_newest_first(client):
    make_article(title="First of all", published_on=date(2022, 1, 1))
    make_article(title="Latest of all", published_on=date(2025, 1, 1))
    make_article(title="Hidden draft", published_on=date(2025, 6, 1), status=Article.Status.DRAFT)
    response = client.get("/")
    assert [a.title for a in response.context["latest"]] == ["Latest of all", "First of all"]
    assert "Hidden draft" not in response.content.decode()


def test_it_offers_countries_companies_and_sectors_with_counts_of_published_articles(client):
    company = make_company(name="Omega Rail")
    rail = Sector.objects.get(slug="railways")
    make_article(countries=["TR"], companies=[company], sectors=[rail])
    make_article(countries=["TR"], companies=[company])
    make_article(countries=["TR"], status=Article.Status.DRAFT)
    response = client.get("/")
    countries = {c.code: c.article_count for c in response.context["countries"]}
    companies = {c.name: c.article_count for c in response.context["companies"]}
    sectors = {s.slug: s.article_count for s, _ in response.context["sector_tree"]}
    assert countries == {"TR": 2}
    assert companies == {"Omega Rail": 2}
    assert sectors["rail-and-infrastructure"] == 1
    assert sectors["energy"] == 0


def test_it_welcomes_an_empty_archive(client):
    assert "no published articles yet" in client.get("/").content.decode()


def test_it_uses_a_constant_number_of_queries(client):
    def add(count):
        for _ in range(count):
            make_article(countries=["TR"], companies=[make_company()])

    add(2)
    few = query_count(client, "/")
    add(12)
    assert query_count(client, "/") == few
