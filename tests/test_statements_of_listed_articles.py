"""An entity page's statements read from its article list's first ids must be exactly the
statements the plain query lists first, whatever the dates and numbers of statements."""

from datetime import date

import pytest

from articles import search
from articles.models import Article, Statement
from articles.search import CappedResults, StatementsOfListedArticles
from tests.factories import country, make_article, make_statement

pytestmark = pytest.mark.django_db

URL = "/countries/tr/"


@pytest.fixture
def limit(monkeypatch):
    monkeypatch.setattr(search, "CANDIDATE_LIMIT", 4)
    return 4


def turkish_articles(days, statements_each, other_country_too=False):
    for day in days:
        article = make_article(countries=["TR"], published_on=date(2024, 1, day))
        for _ in range(statements_each):
            make_statement(article)
        if other_country_too:
            make_article(countries=["GR"], published_on=date(2024, 1, day))


def both_ways():
    articles = (Article.objects.published().involving_all("countries", [country("TR")])
                .in_date_order())
    statements = Statement.objects.published().in_articles(articles).in_date_order()
    listed = CappedResults(articles)
    following = StatementsOfListedArticles(statements, lambda q: q, listed)
    return following.candidate_ids, CappedResults(statements).candidate_ids


def test_the_statements_of_the_newest_articles_are_the_first_statements(limit):
    turkish_articles(range(1, 10), statements_each=2, other_country_too=True)
    following, plain = both_ways()
    assert following == plain
    assert len(following) == limit


def test_articles_of_the_oldest_listed_day_left_out_of_the_list_still_count(limit):
    # Nine articles on one day: the article list takes four of them, yet a statement of
    # any of the nine may come first (statements of one day are ordered by their own id).
    articles = [make_article(countries=["TR"], published_on=date(2024, 1, 5)) for _ in range(9)]
    for article in reversed(articles):  # the first articles' statements are the newest
        make_statement(article)
        make_statement(article)
    following, plain = both_ways()
    assert following == plain


def test_articles_with_too_few_statements_fall_back_to_the_plain_query(limit):
    turkish_articles(range(1, 10), statements_each=0)
    for day in (1, 2):
        make_statement(make_article(countries=["TR"], published_on=date(2023, 12, day)))
    following, plain = both_ways()
    assert following == plain
    assert len(following) == 2


def test_the_country_page_lists_the_same_statements_filtered_or_not(client, limit):
    turkish_articles(range(1, 10), statements_each=2)
    unfiltered = client.get(URL).context["statement_page"]
    assert isinstance(unfiltered.paginator.object_list, StatementsOfListedArticles)
    filtered = client.get(URL, {"published_before": "2024-01-31"}).context["statement_page"]
    assert not isinstance(filtered.paginator.object_list, StatementsOfListedArticles)
    assert [s.pk for s in unfiltered.object_list] == [s.pk for s in filtered.object_list]
