"""Bulk writing from plain rows (articles.bulk), on SQLite and on PostgreSQL."""

from datetime import date

import pytest

from articles import bulk
from articles.models import Article, Statement
from tests.factories import make_article, make_source, make_speaker

pytestmark = pytest.mark.django_db


def test_reserved_ids_are_fresh_and_in_order():
    article = make_article()
    ids = bulk.reserve_ids(Article, 3)
    assert len(set(ids)) == 3
    assert ids == sorted(ids)
    assert min(ids) > article.pk


def test_an_id_freed_by_a_deleted_article_is_not_reserved_again():
    make_article()
    newest = make_article()
    freed = newest.pk
    newest.delete()
    assert min(bulk.reserve_ids(Article, 2)) > freed


def test_a_table_writes_the_given_fields_and_what_a_new_instance_would_get_for_the_rest():
    source = make_source()
    [pk] = bulk.reserve_ids(Article, 1)
    bulk.Table(Article, ["title", "slug", "source", "published_on", "body"]).write(
        [(pk, "Bulk title", "bulk-title", source.pk, date(2024, 5, 6).isoformat(), "Body.")])
    article = Article.objects.get(pk=pk)
    assert (article.title, article.source, article.published_on) == (
        "Bulk title", source, date(2024, 5, 6))
    # Defaults and automatic times, as a save would give them.
    assert article.status == Article._meta.get_field("status").default
    assert article.is_canonical is True
    assert article.created_at is not None and article.updated_at is not None


def test_a_table_without_ids_lets_the_database_number_the_rows():
    article, speaker = make_article(), make_speaker()
    bulk.Table(Statement, ["article", "speaker", "text"]).write(
        [(pk, article.pk, speaker.pk, f"Quote {pk}.") for pk in bulk.reserve_ids(Statement, 2)])
    through = Article.countries.through
    bulk.Table(through, ["article", "country"], with_ids=False).write(
        [(article.pk, "TR"), (article.pk, "GR")])
    assert set(article.countries.values_list("code", flat=True)) == {"TR", "GR"}
    assert list(article.statements.values_list("text", flat=True).order_by("pk")) == [
        f"Quote {pk}." for pk in article.statements.values_list("pk", flat=True).order_by("pk")]
