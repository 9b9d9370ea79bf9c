import pytest
from django.db import connection

from articles.bulk import secondary_indexes_set_aside
from articles.models import Article, Statement

pytestmark = pytest.mark.django_db

TABLES = [Article._meta.db_table, Statement._meta.db_table, "search_article"]


def plain_indexes() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        return {
            (table, name)
            for table in TABLES
            for name, about in connection.introspection.get_constraints(cursor, table).items()
            if about["index"] and not about["unique"] and not about["primary_key"]
        }


def test_plain_indexes_are_set_aside_during_a_load_on_postgresql_and_built_again_after():
    before = plain_indexes()
    assert before
    with secondary_indexes_set_aside(TABLES):
        during = plain_indexes()
    assert plain_indexes() == before
    # SQLite builds its indexes as it goes; only PostgreSQL sets them aside.
    assert during == (set() if connection.vendor == "postgresql" else before)


def test_unique_indexes_stay_during_the_load():
    with secondary_indexes_set_aside(TABLES), connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Article._meta.db_table)
        assert any(c["unique"] and c["columns"] == ["slug"] for c in constraints.values())


def test_the_indexes_come_back_when_the_load_fails():
    before = plain_indexes()
    with pytest.raises(RuntimeError), secondary_indexes_set_aside(TABLES):
        raise RuntimeError("the load broke")
    assert plain_indexes() == before
