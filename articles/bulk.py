"""Writing many rows fast, for commands that fill an archive (`generate_corpus`) and for
the importer's link tables.

Rows are plain tuples, not model instances. On PostgreSQL they go in through COPY
(psycopg's `cursor.copy`), ids reserved from the table's sequence in one query per batch;
on SQLite through one prepared INSERT run for every row. Either way no model signals are
sent: the caller indexes what it wrote.
"""

from contextlib import contextmanager

from django.db import connection, transaction
from django.test.utils import override_settings


@contextmanager
def without_query_log():
    """With DEBUG on, Django keeps the text of the last 9,000 queries: bulk inserts of
    article bodies make that hundreds of megabytes. Bulk commands run without it."""
    with override_settings(DEBUG=False):
        yield


def commit_without_waiting_for_disk() -> None:
    """The current transaction's commit returns before its WAL reaches the disk (on
    PostgreSQL): a crash may lose the last few batches of a bulk load, which a rerun
    writes again, but never leaves a half-written one."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


def reserve_ids(model, count: int) -> list[int]:
    """`count` fresh ids for the model's table. On PostgreSQL from the sequence behind its
    primary key; on SQLite, which has none, the ids after the highest the table has given
    (its AUTOINCREMENT counter): run inside the transaction that writes them, they are not
    handed out twice, since SQLite lets one writer in at a time."""
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        quote = connection.ops.quote_name
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        counter = cursor.fetchone()
        # Table and column names come from the model.
        cursor.execute(f"SELECT max({quote(column)}) FROM {quote(table)}")  # noqa: S608
        highest = max(counter[0] if counter else 0, cursor.fetchone()[0] or 0)
        return list(range(highest + 1, highest + 1 + count))


class Table:
    """A model's table written from plain rows: for a million generated articles a model
    instance a row cost more than the writing. A row holds the primary key (when
    `with_ids`) and then `fields`, by attribute name, as the database takes them; every
    other column gets what a new instance would (its default, `auto_now` times), worked
    out once. On PostgreSQL the rows go in through COPY."""

    def __init__(self, model, fields: list[str], with_ids: bool = True):
        self.model = model
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        rest = [field for field in meta.concrete_fields
                if not field.primary_key and field not in given]
        template = model()
        self.rest_values = tuple(
            field.get_db_prep_save(field.pre_save(template, add=True), connection)
            for field in rest)
        self.columns = ([meta.pk.column] if with_ids else []) + [
            field.column for field in [*given, *rest]]

    def write(self, rows) -> None:
        rows = [(*row, *self.rest_values) for row in rows]
        if connection.vendor != "postgresql":
            insert_rows(self.model, self.columns, rows)
            return
        quote = connection.ops.quote_name
        columns = ", ".join(quote(column) for column in self.columns)
        with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {quote(self.model._meta.db_table)} ({columns}) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)


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
