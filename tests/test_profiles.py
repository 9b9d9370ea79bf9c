from datetime import date

import pytest

from articles.charts import timeline
from articles.models import Article
from articles.profiles import monthly_counts
from tests.factories import make_article, make_company, make_speaker, make_statement
from tests.queries import query_count

pytestmark = pytest.mark.django_db


def test_monthly_counts_fill_the_months_without_articles():
    make_article(published_on=date(2024, 11, 5))
    make_article(published_on=date(2024, 11, 20))
    make_article(published_on=date(2025, 1, 3))
    series = monthly_counts(Article.objects.all())
    assert [(point.label, point.count) for point in series] == [
        ("Nov 2024", 2), ("Dec 2024", 0), ("Jan 2025", 1)]


def test_the_timeline_chart_has_a_title_a_description_and_the_numbers(client):
    company = make_company(name="Timeline Corp")
    make_article(companies=[company], published_on=date(2024, 1, 1))
    make_article(companies=[company], published_on=date(2024, 3, 1))
    html = client.get(company.get_absolute_url()).content.decode()
    assert '<svg viewBox="0 0 640 120"' in html and 'role="img"' in html
    assert "<title id=\"timeline-title\">Articles mentioning Timeline Corp</title>" in html
    assert "2 articles from Jan 2024 to Mar 2024" in html
    assert "<td>Feb 2024</td><td class=\"num\">0</td>" in html


def test_a_timeline_of_nothing_is_not_drawn():
    assert timeline([], "Nothing") is None


def test_the_country_page_links_its_partner_countries_to_pair_pages(client):
    make_article(countries=["RU", "TR"])
    make_article(countries=["RU", "TR"])
    make_article(countries=["RU", "GR"])
    html = client.get("/countries/ru/").content.decode()
    assert html.index('href="/countries/ru/tr/"') < html.index('href="/countries/ru/gr/"')
    assert "Russia and Türkiye</a> <span class=\"count\">2 articles" in html


def test_the_pair_page_shows_shared_articles_statements_and_each_sides_companies(client):
    russian = make_company(name="Volga Engines", country_id="RU")
    turkish = make_company(name="Bosphorus Pipelines", country_id="TR")
    both = make_article(title="Engines for pipelines", countries=["RU", "TR"],
                        companies=[russian, turkish])
    make_statement(both, speaker=make_speaker(name="Anna Volkova"), text="We agreed.")
    make_article(title="Russia alone", countries=["RU"], companies=[russian])
    response = client.get("/countries/ru/tr/")
    html = response.content.decode()
    assert "Engines for pipelines" in html and "Russia alone" not in html
    assert "We agreed." in html
    assert response.context["first_companies"] == [russian]
    assert response.context["second_companies"] == [turkish]


def test_pair_urls_are_lower_case_and_a_country_with_itself_is_its_own_page(client):
    assert client.get("/countries/RU/TR/").headers["Location"] == "/countries/ru/tr/"
    assert client.get("/countries/tr/tr/").headers["Location"] == "/countries/tr/"
    assert client.get("/countries/tr/zz/").status_code == 404


def test_the_speaker_page_shows_what_they_speak_about(client):
    speaker = make_speaker(name="Topic Person")
    make_statement(make_article(countries=["TR"]), speaker=speaker)
    html = client.get(speaker.get_absolute_url()).content.decode()
    assert "Speaks about" in html and 'href="/countries/tr/"' in html


def test_the_company_page_shows_what_it_is_mentioned_with(client):
    company, other = make_company(name="Main Corp"), make_company(name="Partner Corp")
    make_article(companies=[company, other], countries=["GR"])
    html = client.get(company.get_absolute_url()).content.decode()
    assert "Most often mentioned with" in html
    assert f'href="{other.get_absolute_url()}"' in html


def test_the_pair_page_uses_a_constant_number_of_queries(client):
    def add(count):
        for _ in range(count):
            article = make_article(countries=["RU", "TR"],
                                   companies=[make_company(country_id="RU")])
            make_statement(article, speaker=make_speaker())

    add(2)
    few = query_count(client, "/countries/ru/tr/")
    add(10)
    assert query_count(client, "/countries/ru/tr/") == few
