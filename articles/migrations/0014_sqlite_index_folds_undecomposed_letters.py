"""SQLite's index folds the letters Unicode does not decompose (ı, ø, ł, ß, æ…), as
PostgreSQL's unaccent does, and keeps the original text beside it for snippets.

Each FTS5 table becomes an external-content table over a plain table of the original text
(articles/search/sqlite.py says why), and the entries already indexed are indexed again,
folded, from their own text: no rebuild_search_index is needed. PostgreSQL is unchanged.
"""

from django.db import migrations

from articles.folding import fold_letters

TOKENIZER = "tokenize = 'porter unicode61 remove_diacritics 2'"
COLUMNS = {"search_article": ("title", "summary", "body", "entities"),
           "search_statement": ("text", "people")}


def folded(values):
    return [fold_letters(value) if value else value for value in values]


def each_table(schema_editor):
    """(cursor, table, its column list, its column count) for each FTS5 table, on SQLite."""
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        for table, columns in COLUMNS.items():
            yield cursor, table, ", ".join(columns), len(columns)


def forward(apps, schema_editor):
    for cursor, table, names, count in each_table(schema_editor):
        cursor.execute(f"CREATE TABLE {table}_text (id INTEGER PRIMARY KEY, {names})")
        cursor.execute(f"INSERT INTO {table}_text SELECT rowid, {names} FROM {table}")  # noqa: S608
        cursor.execute(f"DROP TABLE {table}")
        cursor.execute(f"CREATE VIRTUAL TABLE {table} USING fts5({names}, "
                       f"content='{table}_text', content_rowid='id', {TOKENIZER})")
        cursor.execute(f"SELECT id, {names} FROM {table}_text")  # noqa: S608
        rows = [(row[0], *folded(row[1:])) for row in cursor.fetchall()]
        slots = ", ".join(["?"] * (count + 1))
        cursor.executemany(f"INSERT INTO {table} (rowid, {names}) VALUES ({slots})", rows)  # noqa: S608


def backward(apps, schema_editor):
    for cursor, table, names, _ in each_table(schema_editor):
        cursor.execute(f"DROP TABLE {table}")
        cursor.execute(f"CREATE VIRTUAL TABLE {table} USING fts5({names}, {TOKENIZER})")
        cursor.execute(f"INSERT INTO {table} (rowid, {names}) "  # noqa: S608
                       f"SELECT id, {names} FROM {table}_text")
        cursor.execute(f"DROP TABLE {table}_text")


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_feeds")]

    operations = [migrations.RunPython(forward, backward)]
