"""The PostgreSQL index tables stop referencing the archive's tables.

A foreign key from an index table makes TRUNCATE of articles and statements (what Django's
flush does) fail. The index is kept in step by articles/search/indexing.py, which removes
the entries of deleted rows, and queries only ever join it to existing ids.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE search_article DROP CONSTRAINT IF EXISTS search_article_article_id_fkey",
    "ALTER TABLE search_statement DROP CONSTRAINT IF EXISTS search_statement_statement_id_fkey",
]
BACKWARD = [
    "ALTER TABLE search_article ADD CONSTRAINT search_article_article_id_fkey FOREIGN KEY "
    "(article_id) REFERENCES articles_article (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED",
    "ALTER TABLE search_statement ADD CONSTRAINT search_statement_statement_id_fkey FOREIGN KEY "
    "(statement_id) REFERENCES articles_statement (id) ON DELETE CASCADE "
    "DEFERRABLE INITIALLY DEFERRED",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_sector_keywords_and_editor_permissions")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
