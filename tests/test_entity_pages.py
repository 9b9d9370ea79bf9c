from datetime import date, timedelta

import pytest

from articles.models import Article, Sector
from articles.views.common import LINKED_ENTITIES
from tests.factories import (
    make_article,
    make_company,
    make_role,
    make_source,
    make_speaker,
    make_statement,
)
from tests.queries import query_count

pytestmark = pytest.mark.django_db


def test_the_company_page_shows_its_facts_people_articles_and_statements(client):
    parent = make_company(name="Parent Holding")
    company = make_company(name="Child Engines", aliases=["CE"], parent=parent, country_id="RU")
    make_company(name="Grandchild Parts", parent=company)
    speaker = make_speaker(name="Ivan Director")
    make_role(speaker, title="deputy general director", organization=company)
    article = make_article(title="Engines for Turkey", companies=[company])
    make_statement(article, speaker=speaker, speaker_organization=company,
                   text="We would like to supply engines.")
    make_article(title="Not about it")

    html = client.get(company.get_absolute_url()).content.decode()
    for expected in ("Child Engines", "CE", "Russia", "Parent Holding", "Grandchild Parts",
                     "Ivan Director", "deputy general director", "Engines for Turkey",
                     "We would like to supply engines."):
        assert expected in html
    assert "Not about it" not in html


def test_entity_pages_hide_drafts(client):
    company = make_company(name="Quiet Corp")
    make_article(title="Unpublished news", companies=[company], status=Article.Status.DRAFT)
    assert "Unpublished news" not in client.get(company.get_absolute_url()).content.decode()


def test_the_speaker_page_shows_roles_over_time_and_statements(client):
    speaker = make_speaker(name="Dana Example")
    company = make_company(name="Energy Holding")
    make_role(speaker, title="finance chief", organization=company,
              first_seen=date(2023, 1, 1), last_seen=date(2023, 12, 1))
    make_role(speaker, title="chief executive", organization=company,
              first_seen=date(2024, 2, 1))
    make_statement(make_article(), speaker=speaker, text="Said as chief executive.")
    html = client.get(speaker.get_absolute_url()).content.decode()
    assert html.index("chief executive") < html.index("finance chief")
    assert "2023-12-01" in html
    assert "Said as chief executive." in html


def test_the_country_page_accepts_lowercase_codes_and_redirects_uppercase(client):
    make_article(title="Turkish news", countries=["TR"])
    assert client.get("/countries/TR/").headers["Location"] == "/countries/tr/"
    response = client.get("/countries/tr/")
    assert response.status_code == 200
    assert "Turkish news" in response.content.decode()


def test_an_unknown_country_page_is_not_found(client):
    assert client.get("/countries/zz/").status_code == 404
    assert client.get("/countries/xyz/").status_code == 404


def test_the_sector_page_includes_subsector_articles_and_lists_subsectors(client):
    make_article(title="Gas news", sectors=[Sector.objects.get(slug="natural-gas")])
    html = client.get("/sectors/energy/").content.decode()
    assert "Gas news" in html
    assert 'href="/sectors/natural-gas/"' in html


def test_the_source_page_lists_its_articles(client):
    source = make_source(name="Agency One")
    make_article(title="From the agency", source=source)
    make_article(title="From elsewhere")
    html = client.get(source.get_absolute_url()).content.decode()
    assert "From the agency" in html
    assert "From elsewhere" not in html


def test_entity_pages_filter_their_articles_with_the_reader_filters(client):
    company = make_company(name="Filtered Corp")
    make_article(title="With Greece", companies=[company], countries=["GR"])
    make_article(title="With Bulgaria", companies=[company], countries=["BG"])
    html = client.get(company.get_absolute_url(), {"country": "gr"}).content.decode()
    assert "With Greece" in html
    assert "With Bulgaria" not in html


@pytest.mark.parametrize(
    "url", ["/companies/", "/speakers/", "/countries/", "/sectors/", "/sources/"]
)
def test_every_entity_list_answers(client, url):
    company = make_company(name="Listed Corp", country_id="TR")
    make_role(make_speaker(name="Listed Person"), organization=company)
    make_article(countries=["TR"], companies=[company], source=make_source(name="Listed Wire"))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/companies/", "/speakers/", "/countries/"])
def test_entity_lists_use_a_constant_number_of_queries(client, url):
    def add(count):
        for _ in range(count):
            company = make_company(country_id="TR")
            make_role(make_speaker(nationality_id="TR"), organization=company)
            make_article(companies=[company])

    add(2)
    few = query_count(client, url)
    add(12)
    assert query_count(client, url) == few


@pytest.mark.parametrize("view", ["company", "speaker", "country", "sector", "source"])
def test_entity_pages_use_a_constant_number_of_queries(client, view):
    company, speaker, source = make_company(), make_speaker(), make_source()
    make_role(speaker, organization=company)
    gas = Sector.objects.get(slug="natural-gas")
    url = {
        "company": company.get_absolute_url(), "speaker": speaker.get_absolute_url(),
        "country": "/countries/tr/", "sector": "/sectors/energy/",
        "source": source.get_absolute_url(),
    }[view]

    def add(count):
        for _ in range(count):
            article = make_article(countries=["TR"], companies=[company], sectors=[gas],
                                   source=source)
            make_statement(article, speaker=speaker, speaker_organization=company)

    add(2)
    few = query_count(client, url)
    add(12)
    assert query_count(client, url) == few


def test_people_and_organisations_proposed_by_extraction_stay_hidden_until_reviewed(client):
    company = make_company(name="Proposed Corp", is_reviewed=False)
    speaker = make_speaker(name="Proposed Person", is_reviewed=False)
    assert client.get(company.get_absolute_url()).status_code == 404
    assert client.get(speaker.get_absolute_url()).status_code == 404
    assert "Proposed Corp" not in client.get("/companies/").content.decode()
    assert "Proposed Person" not in client.get("/speakers/").content.decode()


def test_editors_can_preview_unreviewed_people_and_organisations(editor_client):
    company = make_company(name="Proposed Corp", is_reviewed=False)
    assert editor_client.get(company.get_absolute_url()).status_code == 200


def test_a_company_page_names_its_most_recently_seen_people_and_counts_the_rest(client):
    company = make_company(name="Big Yards")
    for number in range(LINKED_ENTITIES + 2):
        make_role(make_speaker(name=f"Person {number:02d}"), title="engineer",
                  organization=company, first_seen=date(2020, 1, 1),
                  last_seen=date(2020, 1, 1) + timedelta(days=number))
    html = client.get(company.get_absolute_url()).content.decode()
    assert "Person 31" in html and "Person 02" in html
    assert "Person 01" not in html and "Person 00" not in html
    assert "And 2 more, seen longer ago." in html


def test_a_country_page_names_a_few_of_its_companies_and_speakers_and_counts_the_rest(client):
    for number in range(LINKED_ENTITIES + 3):
        make_company(name=f"Firm {number:02d}", country_id="NO")
    for number in range(LINKED_ENTITIES):
        make_speaker(name=f"Speaker {number:02d}", nationality_id="NO")
    html = client.get("/countries/no/").content.decode()
    assert "Firm 29" in html and "Firm 30" not in html
    assert " and 3 more" in html
    assert "Speaker 29" in html and html.count(" more</dd>") == 1
