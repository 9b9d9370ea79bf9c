"""The compact table view of the lists and the choice of rows per page."""

import re
from datetime import date

import pytest

from tests.factories import make_article, make_company, make_source, make_speaker, make_statement
from tests.queries import query_count

pytestmark = pytest.mark.django_db


def table_rows(html):
    body = re.search(r'<table class="table compact">.*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_the_table_shows_date_title_source_countries_companies_and_statements(client):
    article = make_article(title="Frigate deal", published_on=date(2024, 5, 6),
                           source=make_source(name="Naval Wire"), countries=["NO", "RO"],
                           companies=[make_company(name="Nordkap")])
    make_statement(article)
    make_statement(article)
    html = client.get("/articles/", {"view": "table"}).content.decode()
    assert "<th scope=\"col\">Companies</th>" in html
    assert table_rows(html) == ["2024-05-06 Frigate deal Naval Wire Norway , Romania Nordkap 2"]
    assert '<ol class="results">' not in html


def test_the_statement_table_shows_date_quote_speaker_article_and_source(client):
    article = make_article(title="Gas talks", published_on=date(2024, 2, 1),
                           source=make_source(name="Energy Wire"))
    make_statement(article, text="Supplies will grow,", speaker=make_speaker(name="Ana Lee"))
    html = client.get("/statements/", {"view": "table"}).content.decode()
    assert table_rows(html) == ["2024-02-01 Supplies will grow Ana Lee Gas talks Energy Wire"]


def test_the_table_takes_the_same_queries_as_the_list_however_many_rows(client):
    company, source = make_company(), make_source()

    def add(count):
        for _ in range(count):
            make_statement(make_article(countries=["TR"], companies=[company], source=source),
                           speaker=make_speaker())

    add(2)
    few = query_count(client, "/articles/?view=table")
    add(20)
    many = query_count(client, "/articles/?view=table&per_page=50")
    assert few == many == query_count(client, "/articles/")
    assert query_count(client, "/statements/?view=table") == query_count(client, "/statements/")


def test_rows_per_page_is_chosen_from_the_links_and_kept_by_the_pages(client):
    for _ in range(55):
        make_article()
    response = client.get("/articles/", {"per_page": "50", "view": "table"})
    assert len(response.context["article_page"].object_list) == 50
    html = response.content.decode()
    assert 'href="?per_page=50&amp;view=table&amp;page=2"' in html
    assert re.search(r'<a href="\?view=table&amp;per_page=100" rel="nofollow">100</a>', html)
    assert '<a href="?per_page=50">list</a>' in html
    assert '<a href="?per_page=50&amp;view=table" aria-current="true">table</a>' in html
    assert '<input type="hidden" name="per_page" value="50">' in html
    assert '<input type="hidden" name="view" value="table">' in html


def test_more_rows_than_a_page_may_show_are_capped_and_said(client):
    for _ in range(3):
        make_article()
    response = client.get("/articles/", {"per_page": "5000"})
    assert response.context["article_page"].paginator.per_page == 200
    assert "A page shows at most 200 rows." in response.content.decode()


@pytest.mark.parametrize("value", ["0", "-3", "lots", "1e9"])
def test_an_unreadable_page_size_is_explained_and_the_default_used(client, value):
    response = client.get("/articles/", {"per_page": value})
    assert response.status_code == 200
    assert response.context["article_page"].paginator.per_page == 20
    assert "Rows per page:" in response.content.decode()


def test_an_unknown_view_is_explained_and_the_list_shown(client):
    make_article()
    html = client.get("/articles/", {"view": "grid"}).content.decode()
    assert "View: Select a valid choice." in html
    assert '<ol class="results">' in html
