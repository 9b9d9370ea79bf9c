"""Property-based tests: whatever a reader types or puts in the URL, the page answers."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.search.postgres import tsquery_text
from articles.search.query import parse
from articles.search.sqlite import match_expression
from tests.factories import make_article, make_company, make_statement

pytestmark = pytest.mark.django_db

SEARCH_ALPHABET = st.characters(codec="utf-8") | st.sampled_from(list('"-()*:^&|! orORAND'))
queries = st.text(alphabet=SEARCH_ALPHABET, max_size=80)
PARAMETERS = ["q", "country", "company", "sector", "speaker", "source", "published_after",
              "published_before", "sort", "page", "statements_page", "unknown"]
filter_values = st.one_of(
    queries, st.sampled_from(["ru", "TR", "zz", "energy", "2024-01-01", "2024-13-45", "oldest",
                              "relevance", "0", "-1", "999999", "abc"]),
)
query_strings = st.lists(st.tuples(st.sampled_from(PARAMETERS), filter_values), max_size=8)
HYPOTHESIS = settings(
    max_examples=60, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def archive(indexed):
    with indexed():
        company = make_company(name="Pipeline Corp", aliases=["PC"])
        for number in range(3):
            article = make_article(title=f"Pipeline {number}", countries=["TR", "RU"],
                                   companies=[company])
            make_statement(article, text=f"We will build pipeline {number}.")


@HYPOTHESIS
@given(text=queries)
def test_every_parsed_query_compiles_for_both_databases(text):
    query = parse(text)
    if query.is_usable:
        assert tsquery_text(query)
        assert match_expression(query).count("(") == match_expression(query).count(")")


@HYPOTHESIS
@given(text=queries)
def test_any_search_text_gets_a_normal_page(client, archive, text):
    for url in ("/articles/", "/statements/"):
        assert_normal_page(client.get(url, {"q": text}, follow=True))


@HYPOTHESIS
@given(pairs=query_strings)
def test_any_combination_of_parameters_gets_a_normal_page(client, archive, pairs):
    from urllib.parse import urlencode

    for url in ("/articles/", "/statements/", "/countries/tr/"):
        assert_normal_page(client.get(f"{url}?{urlencode(pairs)}", follow=True))


def assert_normal_page(response):
    """A page, at once or after one redirect to the same address without empty parameters."""
    assert response.status_code == 200
    assert len(response.redirect_chain) <= 1, response.redirect_chain
