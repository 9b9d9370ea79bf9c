"""The full-text index: tsvector tables on PostgreSQL, FTS5 tables on SQLite.

Each database gets its own structures; articles/search/ has one module per database
that reads and writes them. After this migration on an archive that already holds
articles, run `python manage.py rebuild_search_index`.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # unaccent cannot go in an index expression, so it runs inside the configuration
    # that builds the stored vectors and parses the queries.
    """
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'archive_english') THEN
        CREATE TEXT SEARCH CONFIGURATION archive_english (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION archive_english
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
      END IF;
    END $$
    """,
    """
    CREATE TABLE search_article (
      article_id bigint PRIMARY KEY
        REFERENCES articles_article (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
      document tsvector NOT NULL
    )
    """,
    "CREATE INDEX search_article_document_idx ON search_article USING gin (document)",
    """
    CREATE TABLE search_statement (
      statement_id bigint PRIMARY KEY
        REFERENCES articles_statement (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
      document tsvector NOT NULL
    )
    """,
    "CREATE INDEX search_statement_document_idx ON search_statement USING gin (document)",
]
POSTGRES_BACKWARD = [
    "DROP TABLE IF EXISTS search_statement",
    "DROP TABLE IF EXISTS search_article",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS archive_english",
]

TOKENIZER = "tokenize = 'porter unicode61 remove_diacritics 2'"
SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE search_article USING fts5(title, summary, body, entities, {TOKENIZER})",
    f"CREATE VIRTUAL TABLE search_statement USING fts5(text, people, {TOKENIZER})",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_statement", "DROP TABLE IF EXISTS search_article"]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor[schema_editor.connection.vendor]:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_editors_group")]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
