import re
from datetime import date

import pytest

from articles.models import Article, Sector, Statement
from articles.profiles import monthly_counts
from tests.factories import make_article, make_company, make_speaker, make_statement
from tests.queries import query_count

pytestmark = pytest.mark.django_db


def test_monthly_counts_count_articles_by_the_month_they_were_published():
    make_article(published_on=date(2024, 11, 5))
    make_article(published_on=date(2024, 11, 20))
    make_article(published_on=date(2025, 1, 3))
    assert monthly_counts(Article.objects.all()) == {date(2024, 11, 1): 2, date(2025, 1, 1): 1}


def test_monthly_counts_date_statements_by_their_article():
    make_statement(make_article(published_on=date(2024, 3, 9)))
    make_statement(make_article(published_on=date(2024, 3, 9)))
    counts = monthly_counts(Statement.objects.all(), "article__published_on")
    assert counts == {date(2024, 3, 1): 2}


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
    first, second = response.context["sides"]
    assert first["companies"] == [russian]
    assert second["companies"] == [turkish]


def test_the_pair_page_shows_who_spoke_for_each_side_and_what_they_said_about_the_other(client):
    russian = make_company(name="Volga Engines", country_id="RU")
    turkish = make_company(name="Bosphorus Pipelines", country_id="TR")
    envoy = make_speaker(name="Ivan Envoy", nationality_id="RU")
    manager = make_speaker(name="Ayse Manager")
    both = make_article(countries=["RU", "TR"], companies=[russian, turkish])
    make_statement(both, speaker=envoy, text="Russia on Turkey, as a national.")
    make_statement(both, speaker=manager, speaker_organization=turkish,
                   text="Turkey on Russia, for a Turkish company.")
    # Said for a Russian company in an article about Türkiye that does not name Russia.
    make_statement(make_article(countries=["TR"]), speaker=envoy,
                   speaker_organization=russian, text="Russia on Turkey, elsewhere.")
    make_statement(make_article(countries=["GR"]), speaker=envoy,
                   speaker_organization=russian, text="Russia on Greece.")
    first, second = client.get("/countries/ru/tr/").context["sides"]
    assert [(speaker.name, speaker.shared) for speaker in first["speakers"]] == [("Ivan Envoy", 1)]
    assert [speaker.name for speaker in second["speakers"]] == ["Ayse Manager"]
    assert {s.text for s in first["said"]["statements"]} == {
        "Russia on Turkey, as a national.", "Russia on Turkey, elsewhere."}
    assert first["said"]["count"] == 2
    assert [s.text for s in second["said"]["statements"]] == [
        "Turkey on Russia, for a Turkish company."]


def test_the_pair_page_never_shows_unreviewed_speakers_or_statements(client):
    hidden = make_speaker(name="Proposed Envoy", nationality_id="RU", is_reviewed=False)
    article = make_article(countries=["RU", "TR"])
    make_statement(article, speaker=hidden, text="Said by someone not yet reviewed.")
    make_statement(article, speaker=make_speaker(nationality_id="RU"), is_reviewed=False,
                   text="A statement not yet reviewed.")
    html = client.get("/countries/ru/tr/").content.decode()
    assert "Proposed Envoy" not in html
    assert "not yet reviewed" not in html


def test_the_pair_page_lists_the_sectors_of_its_articles_as_filtered_lists(client):
    gas = Sector.objects.get(slug="natural-gas")
    make_article(countries=["RU", "TR"], sectors=[gas])
    make_article(countries=["RU"], sectors=[Sector.objects.get(slug="defense")])
    response = client.get("/countries/ru/tr/")
    assert [sector.slug for sector in response.context["sectors"]] == ["natural-gas"]
    assert 'href="/articles/?country=ru&amp;country=tr&amp;sector=natural-gas"' in (
        response.content.decode())


def test_the_pair_timeline_sets_the_pair_beside_each_country(client):
    make_article(countries=["RU", "TR"], published_on=date(2024, 1, 5))
    make_article(countries=["RU"], published_on=date(2024, 2, 5))
    make_article(countries=["TR"], published_on=date(2024, 2, 5))
    make_article(countries=["TR"], published_on=date(2024, 3, 5))
    chart = client.get("/countries/ru/tr/").context["timeline"]
    assert [series.name for series in chart.series] == [
        "Russia and Türkiye", "All of Russia", "All of Türkiye"]
    assert [(row.month, row.values) for row in chart.rows] == [
        ("Jan 2024", [1, 1, 1]), ("Feb 2024", [0, 1, 1]), ("Mar 2024", [0, 0, 1])]


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
    assert "Who appears with Main Corp" in html
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


def test_the_pair_page_shows_a_statement_twice_without_repeating_an_id(client):
    article = make_article(countries=["RU", "TR"])
    make_statement(article, speaker=make_speaker(nationality_id="RU"),
                   text="Shown on the Russian side and in the list.")
    html = client.get("/countries/ru/tr/").content.decode()
    assert html.count("Shown on the Russian side and in the list.") == 2
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
