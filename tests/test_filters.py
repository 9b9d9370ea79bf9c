"""A repeated filter means all of its values, or any of them with `<filter>_match=any`."""

import pytest

from articles.models import Sector
from tests.factories import make_article, make_company, make_speaker, make_statement

pytestmark = pytest.mark.django_db


def titles(client, url, data):
    response = client.get(url, data)
    assert response.status_code == 200
    return {article.title for article in response.context["article_page"].object_list}


def quotes(client, data):
    response = client.get("/statements/", data)
    assert response.status_code == 200
    return {statement.text for statement in response.context["statement_page"].object_list}


@pytest.fixture
def countries():
    make_article(title="Both", countries=["RU", "TR"])
    make_article(title="Russia", countries=["RU"])
    make_article(title="Türkiye", countries=["TR"])
    make_article(title="Greece", countries=["GR"])


def test_repeated_countries_mean_both_by_default(client, countries):
    assert titles(client, "/articles/", {"country": ["ru", "tr"]}) == {"Both"}
    assert titles(client, "/articles/", {"country": ["ru", "tr"], "country_match": "all"}) == {
        "Both"}


def test_country_match_any_means_either(client, countries):
    assert titles(client, "/articles/", {"country": ["ru", "tr"], "country_match": "any"}) == {
        "Both", "Russia", "Türkiye"}


def test_any_applies_to_its_own_filter_only(client):
    gas = make_company(name="Gas Co")
    make_article(title="Russian gas", countries=["RU"], companies=[gas])
    make_article(title="Turkish gas", countries=["TR"], companies=[gas])
    make_article(title="Turkish, no gas", countries=["TR"])
    data = {"country": ["ru", "tr"], "country_match": "any", "company": gas.slug}
    assert titles(client, "/articles/", data) == {"Russian gas", "Turkish gas"}


def test_companies_sectors_and_speakers_match_any_too(client):
    first, second = make_company(), make_company()
    make_article(title="First", companies=[first])
    make_article(title="Second", companies=[second])
    companies = {"company": [first.slug, second.slug]}
    assert titles(client, "/articles/", companies) == set()
    assert titles(client, "/articles/", {**companies, "company_match": "any"}) == {
        "First", "Second"}

    make_article(title="Gas", sectors=[Sector.objects.get(slug="natural-gas")])
    make_article(title="Rail", sectors=[Sector.objects.get(slug="railways")])
    sectors = {"sector": ["natural-gas", "railways"]}
    assert titles(client, "/articles/", sectors) == set()
    assert titles(client, "/articles/", {**sectors, "sector_match": "any"}) == {"Gas", "Rail"}

    anna, boris = make_speaker(name="Anna"), make_speaker(name="Boris")
    make_statement(make_article(title="Anna speaks"), speaker=anna)
    make_statement(make_article(title="Boris speaks"), speaker=boris)
    speakers = {"speaker": [anna.slug, boris.slug]}
    assert titles(client, "/articles/", speakers) == set()
    assert titles(client, "/articles/", {**speakers, "speaker_match": "any"}) == {
        "Anna speaks", "Boris speaks"}


def test_a_parent_sector_in_an_any_filter_still_counts_its_subsectors(client):
    make_article(title="Gas", sectors=[Sector.objects.get(slug="natural-gas")])
    make_article(title="Missiles", sectors=[Sector.objects.get(slug="defense")])
    make_article(title="Rail", sectors=[Sector.objects.get(slug="railways")])
    data = {"sector": ["energy", "defense"], "sector_match": "any"}
    assert titles(client, "/articles/", data) == {"Gas", "Missiles"}


def test_statements_match_any_of_their_speakers_countries_and_companies(client):
    anna, boris = make_speaker(name="Anna"), make_speaker(name="Boris")
    first, second = make_company(), make_company()
    make_statement(make_article(countries=["RU"]), speaker=anna, text="Anna in Russia.")
    make_statement(make_article(countries=["TR"]), speaker=boris, text="Boris in Türkiye.",
                   speaker_organization=first)
    make_statement(make_article(companies=[second]), text="About the second company.")
    speakers = {"speaker": [anna.slug, boris.slug]}
    assert quotes(client, speakers) == set()
    assert quotes(client, {**speakers, "speaker_match": "any"}) == {
        "Anna in Russia.", "Boris in Türkiye."}
    countries = {"country": ["ru", "tr"]}
    assert quotes(client, countries) == set()
    assert quotes(client, {**countries, "country_match": "any"}) == {
        "Anna in Russia.", "Boris in Türkiye."}
    companies = {"company": [first.slug, second.slug], "company_match": "any"}
    assert quotes(client, companies) == {"Boris in Türkiye.", "About the second company."}


def test_the_form_offers_the_match_choice_for_each_filter_holding_values(client, countries):
    html = client.get("/articles/", {"country": ["ru", "tr"], "country_match": "any"}).content
    html = html.decode()
    assert '<label for="filter-country_match">Match countries</label>' in html
    assert '<option value="any" selected>any of them</option>' in html
    assert '<option value="">all of them</option>' in html
    assert "filter-company_match" not in html
    assert "Country (any of):" in html


def test_the_match_choice_opens_the_folded_filters(client, countries):
    html = client.get("/articles/", {"country": ["ru", "tr"], "country_match": "any"}).content
    assert b'<details class="filters-more" open>' in html


def test_an_unknown_match_value_is_said_and_ignored(client, countries):
    response = client.get("/articles/", {"country": ["ru", "tr"], "country_match": "either"})
    assert {article.title for article in response.context["article_page"].object_list} == {
        "Both"}
    assert any(notice.startswith("Country match:") for notice in response.context["notices"])


def test_feeds_and_exports_follow_the_same_match(client, countries):
    feed = client.get("/articles/feed/", {"country": ["ru", "tr"], "country_match": "any"})
    assert feed.content.decode().count("<entry>") == 3
