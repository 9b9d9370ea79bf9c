from datetime import date

import pytest

from articles.models import Article, Sector
from tests.factories import (
    make_article,
    make_company,
    make_sector,
    make_source,
    make_speaker,
    make_statement,
)
from tests.queries import query_count

pytestmark = pytest.mark.django_db

URL = "/articles/"


def titles(response):
    return [article.title for article in response.context["article_page"].object_list]


def test_it_lists_published_articles_newest_first(client):
    make_article(title="Older", published_on=date(2023, 1, 1))
    make_article(title="Newer", published_on=date(2024, 1, 1))
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["Newer", "Older"]


def test_it_hides_drafts_from_readers(client):
    make_article(title="Visible")
    make_article(title="Secret draft", status=Article.Status.DRAFT)
    response = client.get(URL)
    assert titles(response) == ["Visible"]
    assert b"Secret draft" not in response.content


def test_it_sorts_oldest_first_on_request(client):
    make_article(title="Older", published_on=date(2023, 1, 1))
    make_article(title="Newer", published_on=date(2024, 1, 1))
    assert titles(client.get(URL, {"sort": "oldest"})) == ["Older", "Newer"]


def test_it_filters_by_country_code_in_any_case(client):
    make_article(title="Russian", countries=["RU"])
    make_article(title="Greek", countries=["GR"])
    assert titles(client.get(URL, {"country": "ru"})) == ["Russian"]
    assert titles(client.get(URL, {"country": "RU"})) == ["Russian"]


def test_a_repeated_country_means_articles_involving_all_of_them(client):
    make_article(title="Both", countries=["RU", "TR"])
    make_article(title="Only Russia", countries=["RU"])
    make_article(title="Only Turkey", countries=["TR"])
    response = client.get(URL + "?country=ru&country=tr")
    assert titles(response) == ["Both"]


def test_it_filters_by_company_slug_and_repeated_companies_mean_all(client):
    rostec, botas = make_company(name="Alpha Corp"), make_company(name="Beta Corp")
    make_article(title="Alpha only", companies=[rostec])
    make_article(title="Alpha and Beta", companies=[rostec, botas])
    assert sorted(titles(client.get(URL, {"company": "alpha-corp"}))) == [
        "Alpha and Beta", "Alpha only"
    ]
    assert titles(client.get(URL + "?company=alpha-corp&company=beta-corp")) == ["Alpha and Beta"]


def test_a_parent_sector_includes_its_subsectors(client):
    energy = Sector.objects.get(slug="energy")
    gas = Sector.objects.get(slug="natural-gas")
    make_article(title="Gas article", sectors=[gas])
    make_article(title="Energy article", sectors=[energy])
    make_article(title="Rail article", sectors=[Sector.objects.get(slug="railways")])
    assert sorted(titles(client.get(URL, {"sector": "energy"}))) == [
        "Energy article", "Gas article"
    ]
    assert titles(client.get(URL, {"sector": "natural-gas"})) == ["Gas article"]


def test_an_article_in_a_parent_and_its_subsector_is_listed_once(client):
    make_article(sectors=[Sector.objects.get(slug="energy"), Sector.objects.get(slug="oil")])
    response = client.get(URL, {"sector": "energy"})
    assert response.context["article_page"].paginator.count == 1


def test_it_filters_by_speaker_through_statements(client):
    speaker = make_speaker(name="Quoted Person")
    quoted = make_article(title="Quoted")
    make_statement(quoted, speaker=speaker)
    make_article(title="Not quoted")
    assert titles(client.get(URL, {"speaker": "quoted-person"})) == ["Quoted"]


def test_it_filters_by_source(client):
    wire = make_source(name="Wire")
    make_article(title="From wire", source=wire)
    make_article(title="Elsewhere")
    assert titles(client.get(URL, {"source": "wire"})) == ["From wire"]


def test_it_filters_by_publication_dates_inclusively(client):
    for day in (date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)):
        make_article(title=f"{day:%B}", published_on=day)
    response = client.get(
        URL, {"published_after": "2024-02-01", "published_before": "2024-03-01"}
    )
    assert titles(response) == ["March", "February"]


def test_different_filters_combine_with_and(client):
    company = make_company(name="Gamma Works")
    make_article(title="Match", countries=["TR"], companies=[company])
    make_article(title="Wrong country", countries=["GR"], companies=[company])
    make_article(title="Wrong company", countries=["TR"])
    assert titles(client.get(URL, {"country": "tr", "company": "gamma-works"})) == ["Match"]


def test_search_combines_with_the_filters(client, indexed):
    with indexed():
        make_article(title="Pipeline deal", body="Talks on gas supply.", countries=["TR"])
        make_article(title="Pipeline deal too", body="Talks on gas supply.", countries=["GR"])
        make_article(title="Pipeline news", body="Nothing about fuel.", countries=["TR"])
    assert titles(client.get(URL, {"q": "pipeline gas", "country": "tr"})) == ["Pipeline deal"]


def test_an_unknown_country_is_reported_and_ignored(client):
    make_article(title="Russian", countries=["RU"])
    response = client.get(URL, {"country": ["ru", "zz"]})
    assert response.status_code == 200
    assert titles(response) == ["Russian"]
    assert "There is no country “ZZ”" in response.content.decode()


@pytest.mark.parametrize(
    "parameters, message",
    [
        ({"published_after": "2024-13-45"}, "Enter a valid date"),
        ({"published_before": "yesterday"}, "Enter a valid date"),
        ({"sort": "sideways"}, "Select a valid choice"),
        ({"page": "abc"}, "is not a page number"),
        ({"page": "999999"}, "There is no page 999999"),
        ({"page": "-3"}, "There is no page -3"),
        ({"company": "no-such-company"}, "There is no company"),
        ({"sector": "no-such-sector"}, "There is no sector"),
        ({"speaker": "nobody"}, "There is no speaker"),
        ({"source": "nowhere"}, "There is no source"),
    ],
)
def test_bad_parameters_give_a_normal_page_that_says_what_was_wrong(client, parameters, message):
    make_article()
    response = client.get(URL, parameters)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["article_page"].object_list


def test_hostile_search_strings_do_not_break_the_page(client):
    make_article(title="Ordinary")
    for text in ["%", "_", "'; drop table articles_article; --", "\x00", "a" * 10_000, "😀"]:
        response = client.get(URL, {"q": text})
        assert response.status_code == 200


def test_a_start_date_after_the_end_date_is_explained(client):
    response = client.get(URL, {"published_after": "2024-05-01", "published_before": "2024-01-01"})
    assert "is after the end date" in response.content.decode()


def test_the_page_shows_each_active_filter_with_a_link_that_removes_it(client):
    company = make_company(name="Delta Group")
    make_article(countries=["RU", "TR"], companies=[company])
    response = client.get(URL + "?country=ru&country=tr&company=delta-group&page=1")
    active = {(f.label, f.value): f.remove_url for f in response.context["active_filters"]}
    assert active[("Country", "Russia")] == "?country=tr&company=delta-group"
    assert active[("Company", "Delta Group")] == "?country=ru&country=tr"
    assert 'href="?country=tr&amp;company=delta-group"' in response.content.decode()


def test_the_filter_form_carries_the_active_filters_forward(client):
    make_article(countries=["RU"])
    response = client.get(URL, {"country": "ru"})
    assert '<input type="hidden" name="country" value="RU">' in response.content.decode()


def test_pagination_links_keep_the_filters(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    for _ in range(3):
        make_article(countries=["TR"])
    response = client.get(URL, {"country": "tr"})
    assert "?country=tr&amp;page=2" in response.content.decode()


def test_the_number_of_queries_does_not_grow_with_the_rows_shown(client):
    company, source = make_company(), make_source()
    sector = make_sector(parent=Sector.objects.get(slug="energy"))

    def add_articles(count):
        for _ in range(count):
            article = make_article(
                countries=["RU", "TR"], companies=[company], sectors=[sector], source=source
            )
            make_statement(article, speaker=make_speaker())

    add_articles(2)
    few = query_count(client, URL + "?sector=energy")
    add_articles(15)
    many = query_count(client, URL + "?sector=energy")
    assert few == many


def test_the_source_select_shows_the_chosen_source_instead_of_carrying_it_hidden(client):
    make_article(source=make_source(name="Wire"))
    html = client.get(URL, {"source": "wire"}).content.decode()
    assert '<option value="wire" selected>Wire</option>' in html
    assert 'type="hidden" name="source"' not in html


def test_a_malformed_slug_or_code_is_explained_not_looked_up(client):
    make_article()
    response = client.get(URL, {"country": "\x00", "company": "a b/c"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "is not a code or slug" in html
    assert "“a b/c”" in html


def test_facets_of_a_long_list_count_its_newest_rows_and_say_so(client, monkeypatch):
    from articles import facets

    monkeypatch.setattr(facets, "FACET_LIMIT", 2)
    make_article(countries=["GR"], published_on=date(2020, 1, 1))
    make_article(countries=["TR"], published_on=date(2024, 1, 1))
    make_article(countries=["TR"], published_on=date(2024, 2, 1))
    response = client.get(URL)
    countries = {v.label: v.count for v in response.context["facets"][0].values}
    assert countries == {"Türkiye": 2}
    assert "Counted among the 2 newest results." in response.content.decode()


def test_year_facets_link_to_the_years_dates(client):
    make_article(published_on=date(2023, 5, 1))
    make_article(published_on=date(2024, 5, 1))
    years = {f.parameter: f for f in client.get(URL).context["facets"]}["year"].values
    assert [(v.label, v.count) for v in years] == [("2024", 1), ("2023", 1)]
    assert years[0].url == "?published_after=2024-01-01&published_before=2024-12-31"


def test_a_long_list_counts_only_up_to_its_limit_and_says_more(client, monkeypatch):
    from articles import search

    monkeypatch.setattr(search, "CANDIDATE_LIMIT", 2)
    for day in (1, 2, 3):
        make_article(title=f"Day {day}", published_on=date(2024, 1, day))
    response = client.get(URL)
    assert response.context["article_page"].paginator.count == 2
    assert [a.title for a in response.context["article_page"].object_list] == ["Day 3", "Day 2"]
    assert "More than 2 articles: the 2 newest are listed" in response.content.decode()


def test_the_sector_facet_names_subsectors_parents_without_a_query_each(client):
    energy = Sector.objects.get(slug="energy")

    def add_subsectors(count):
        for _ in range(count):
            make_article(sectors=[make_sector(parent=energy)])

    add_subsectors(1)
    one = query_count(client, URL)
    add_subsectors(5)
    assert query_count(client, URL) == one


def test_a_newest_first_list_reads_its_newest_ids_once_for_the_rows_and_the_facets(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.search import CANDIDATE_LIMIT

    make_article(countries=["TR"], published_on=date(2024, 1, 1))
    with CaptureQueriesContext(connection) as queries:
        client.get(f"{URL}?country=TR")
    newest = [q["sql"] for q in queries.captured_queries
              if f"LIMIT {CANDIDATE_LIMIT + 1}" in q["sql"]]
    assert len(newest) == 1
