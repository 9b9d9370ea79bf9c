"""SQLite: FTS5 tables (porter stemming, unicode61 with diacritics removed), bm25 ranking.

unicode61 removes only the diacritics Unicode decomposes, so the index is given the text
with the other letters folded first (fold_letters: "hattı" -> "hatti"), as the queries are
(query.py). snippet() and highlight() must still show the text as written: each FTS5
table (migration 0014) takes its text from a plain table of the original text
("external content"), and marks the words at the positions the folded text gave, which
are the same, since folding turns letters into letters. Column weights mirror
PostgreSQL's A/B/C weights.
"""

import json

from django.db import connection
from django.db.models.expressions import RawSQL

from articles.folding import fold_letters
from articles.search.base import HIGHLIGHT_END, HIGHLIGHT_START, SearchBackend
from articles.search.query import ParsedQuery, Term

# title, summary, body, entities — and quote, people.
ARTICLE_WEIGHTS = "10.0, 4.0, 1.0, 4.0"
STATEMENT_WEIGHTS = "10.0, 4.0"


def term_sql(term: Term) -> str:
    # Words are letters and digits only (see query.py): quoting them makes each a string.
    return '"' + " ".join(term.words) + '"'


def match_expression(query: ParsedQuery) -> str:
    """The parsed query as an FTS5 MATCH expression."""
    clauses = [
        "(" + " OR ".join(term_sql(term) for term in clause) + ")" for clause in query.clauses
    ]
    expression = "(" + " AND ".join(clauses) + ")"
    for term in query.excluded:
        expression = f"({expression} NOT {term_sql(term)})"
    return expression


# Each FTS5 table's columns; its original text is in the plain table <name>_text.
COLUMNS = {"search_article": ("title", "summary", "body", "entities"),
           "search_statement": ("text", "people")}
CHUNK = 500  # SQLite limits the number of parameters of one statement.


def indexed_text(values):
    return [fold_letters(value) if value else value for value in values]


class SQLiteBackend(SearchBackend):
    def write_articles(self, documents):
        self.write(self.article_table, documents)

    def write_statements(self, documents):
        self.write(self.statement_table, documents)

    def write(self, table, documents):
        columns = COLUMNS[table]
        self.remove(table, [d.id for d in documents])
        rows = [(d.id, *(getattr(d, column) for column in columns)) for d in documents]
        names, slots = ", ".join(columns), ", ".join(["%s"] * (len(columns) + 1))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table}_text (id, {names}) VALUES ({slots})", rows)  # noqa: S608
            cursor.executemany(
                f"INSERT INTO {table} (rowid, {names}) VALUES ({slots})",  # noqa: S608
                [(row[0], *indexed_text(row[1:])) for row in rows],
            )

    def remove(self, table, ids):
        ids, columns = list(ids), COLUMNS[table]
        names = ", ".join(columns)
        with connection.cursor() as cursor:
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start:start + CHUNK]
                placeholders = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"SELECT id, {names} FROM {table}_text WHERE id IN ({placeholders})", chunk)  # noqa: S608
                # An external-content table forgets a row only when given the text it indexed.
                cursor.executemany(
                    f"INSERT INTO {table} ({table}, rowid, {names}) "  # noqa: S608
                    f"VALUES ('delete', {', '.join(['%s'] * (len(columns) + 1))})",
                    [(row[0], *indexed_text(row[1:])) for row in cursor.fetchall()],
                )
                cursor.execute(f"DELETE FROM {table}_text WHERE id IN ({placeholders})", chunk)  # noqa: S608

    def clear(self):
        with connection.cursor() as cursor:
            for table in COLUMNS:
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")  # noqa: S608
                cursor.execute(f"DELETE FROM {table}_text")  # noqa: S608

    def indexed_ids(self, model):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {self.table_for(model)}")  # noqa: S608
            return {row[0] for row in cursor.fetchall()}

    def id_list(self, ids):
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(list(ids))])  # noqa: S611

    def matching(self, table, query):
        return RawSQL(  # noqa: S611  (constant table names; the query is a parameter)
            f"SELECT rowid FROM {table} WHERE {table} MATCH %s",  # noqa: S608
            [match_expression(query)],
        )

    def filter_articles(self, queryset, query):
        return queryset.filter(pk__in=self.matching(self.article_table, query))

    def filter_statements(self, queryset, query):
        return queryset.filter(pk__in=self.matching(self.statement_table, query))

    def ranked_ids(self, model, ids, query, offset, limit):
        table = self.table_for(model)
        weights = ARTICLE_WEIGHTS if table == self.article_table else STATEMENT_WEIGHTS
        # The unary + keeps FTS5 from evaluating the MATCH once per rowid in the list:
        # the MATCH runs once and its rows are kept when they are among the candidates.
        sql = f"""
            SELECT rowid FROM {table}
            WHERE {table} MATCH %s AND +rowid IN (SELECT value FROM json_each(%s))
            ORDER BY bm25({table}, {weights}), rowid DESC
            LIMIT %s OFFSET %s
        """  # noqa: S608  (table names and weights are constants; values are parameters)
        with connection.cursor() as cursor:
            cursor.execute(sql, [match_expression(query), json.dumps(list(ids)), limit, offset])
            return [row[0] for row in cursor.fetchall()]

    def marked_article_text(self, ids, query):
        # Column 0 is the title, marked whole; column 2 the body, 40 tokens around the best
        # match.
        return self.marked(self.article_table, ids, query,
                           "highlight({table}, 0, %s, %s)",
                           "snippet({table}, 2, %s, %s, '…', 40)")

    def marked_statement_text(self, ids, query):
        return self.marked(self.statement_table, ids, query, "highlight({table}, 0, %s, %s)")

    def marked(self, table, ids, query, *functions):
        ids = list(ids)
        if not ids:
            return []
        placeholders = ", ".join(["%s"] * len(ids))
        marks = [HIGHLIGHT_START, HIGHLIGHT_END] * len(functions)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT rowid, {", ".join(f.format(table=table) for f in functions)} FROM {table}
                WHERE {table} MATCH %s AND rowid IN ({placeholders})
                """,  # noqa: S608  (constants only)
                [*marks, match_expression(query), *ids],
            )
            return cursor.fetchall()
