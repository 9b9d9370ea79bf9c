from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from articles import search
from articles.models import Article, Statement
from articles.search.indexing import rebuild
from tests.factories import make_article, make_statement

pytestmark = pytest.mark.django_db


def check() -> str:
    out = StringIO()
    call_command("rebuild_search_index", "--check", stdout=out)
    return out.getvalue()


def searched(client, words: str) -> list[str]:
    response = client.get("/articles/", {"q": words})
    return [article.title for article in response.context["article_page"].object_list]


def test_an_index_in_step_is_reported_as_such(indexed):
    with indexed():
        make_statement(make_article(title="Turbine order"))
    assert check().strip() == ("Search index missing from the index: 0 articles and "
                               "0 statements; stale entries: 0 articles and 0 statements: "
                               "the index is in step.")


def test_rows_missing_from_the_index_are_reported_and_indexed(client, indexed):
    with indexed():
        article = make_article(title="Turbine order")
        make_statement(article)
    search.backend().remove_articles([article.pk])
    search.backend().remove_statements(Statement.objects.values_list("pk", flat=True))
    assert searched(client, "turbine") == []
    assert "missing from the index: 1 articles and 1 statements" in check()
    assert searched(client, "turbine") == ["Turbine order"]
    assert "missing from the index: 0 articles and 0 statements" in check()


def test_entries_of_deleted_rows_are_reported_and_removed(indexed):
    with indexed():
        make_article(title="Kept")
        gone = make_article(title="Gone")
    Article.objects.filter(pk=gone.pk).delete()  # no commit: the index still holds it
    assert "stale entries: 1 articles and 0 statements" in check()
    assert search.backend().indexed_ids(Article) == set(
        Article.objects.values_list("pk", flat=True))


def test_the_full_rebuild_still_indexes_everything(client):
    make_article(title="Turbine order")
    out = StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=StringIO())
    assert "Search index rebuilt: 1 articles, 0 statements." in out.getvalue()
    assert searched(client, "turbine") == ["Turbine order"]


@pytest.mark.django_db(transaction=True)
def test_the_rebuild_commits_each_batch_before_reporting_it():
    for number in range(3):
        make_article(title=f"Batch article {number}")
    reported = []
    rebuild(progress=lambda count: reported.append((count, connection.in_atomic_block)),
            batch_size=2)
    assert reported == [(2, False), (1, False)]


def test_the_rebuild_drops_the_entries_of_deleted_rows(indexed):
    with indexed():
        make_article(title="Kept")
        gone = make_article(title="Gone")
    Article.objects.filter(pk=gone.pk).delete()  # no commit: the index still holds it
    rebuild()
    assert search.backend().indexed_ids(Article) == set(
        Article.objects.values_list("pk", flat=True))
