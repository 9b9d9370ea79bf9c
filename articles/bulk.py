"""Writing many rows fast, for commands that fill an archive (`generate_corpus`) and for
the importer's link tables.

On PostgreSQL rows go in through COPY (psycopg's `cursor.copy`), ids reserved from the
table's sequence in one query per batch; on SQLite through Django's batched bulk inserts.
Either way no model signals are sent: the caller indexes what it wrote.
"""

from contextlib import contextmanager

from django.db import connection, transaction
from django.test.utils import override_settings

SQLITE_BATCH = 500


@contextmanager
def without_query_log():
    """With DEBUG on, Django keeps the text of the last 9,000 queries: bulk inserts of
    article bodies make that hundreds of megabytes. Bulk commands run without it."""
    with override_settings(DEBUG=False):
        yield


def reserve_ids(model, count: int) -> list[int]:
    """`count` fresh ids from the PostgreSQL sequence behind the model's primary key."""
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def column_values(obj, fields) -> tuple:
    # What Django's INSERT would send: auto_now dates filled in, values prepared.
    return tuple(field.get_db_prep_save(field.pre_save(obj, add=True), connection)
                 for field in fields)


def save(model, objects: list, with_ids: bool = True) -> list:
    """Insert `objects` (unsaved instances of `model`); with `with_ids` each gets its pk."""
    if not objects:
        return objects
    for obj in objects:
        # Links made to objects saved since (article=...) take their new ids now.
        obj._prepare_related_fields_for_save(operation_name="bulk.save")
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objects, batch_size=SQLITE_BATCH)
    fields = [field for field in model._meta.concrete_fields
              if with_ids or not field.primary_key]
    if with_ids:
        for obj, pk in zip(objects, reserve_ids(model, len(objects)), strict=True):
            obj.pk = pk
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, cursor.cursor.copy(
        f"COPY {table} ({columns}) FROM STDIN"
    ) as copy:
        for obj in objects:
            copy.write_row(column_values(obj, fields))
    for obj in objects:
        obj._state.adding = False
    return objects


def insert_rows(model, columns: list[str], rows: list[tuple], skip_existing: bool = False):
    """Plain parameter rows into the model's table, by column: for the thousands of link
    rows of an import batch, where a model instance for each costs more than the insert.
    With `skip_existing`, a row its unique constraint already holds is left out."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(quote(column) for column in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    conflict = " ON CONFLICT DO NOTHING" if skip_existing else ""
    with connection.cursor() as cursor:
        # Table and column names come from the models; values are parameters.
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({placeholders}){conflict}",  # noqa: S608
            rows)


# Index builds after a bulk load sort in memory instead of spilling to disk; a setting of
# this session only, not of the server.
INDEX_BUILD_MEMORY = "1GB"


@contextmanager
def secondary_indexes_set_aside(tables: list[str]):
    """Drop the plain (non-unique, not a constraint's) indexes of `tables` for a bulk load
    on PostgreSQL and build them again afterwards from their own definitions, also when
    the load fails. Kept up row by row, a GIN index over a million search vectors turns
    each batch into random reads of an index larger than the server's buffers: the load
    grows faster than the rows. Unique indexes stay, so the load is still checked."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.relname, pg_get_indexdef(x.indexrelid)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = ANY(%s) AND NOT x.indisunique
              AND t.relnamespace = to_regnamespace(current_schema())
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        with transaction.atomic(), connection.cursor() as cursor:
            # Inside a longer transaction (a test's) the deferred foreign-key checks of
            # the load must run before PostgreSQL builds an index on their tables.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'")
            for _, definition in indexes:
                cursor.execute(definition)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as Django declares them


def analyze() -> None:
    """Fresh planner statistics after a bulk load: without them the planner takes a table
    of a million rows for a small one (and autovacuum may get to it only much later). On
    PostgreSQL, outside a transaction, a VACUUM too: until the visibility map is set, every
    index-only scan (an entity's newest articles, by the listing index) still reads the
    table for each row (16 s at a million articles)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")
