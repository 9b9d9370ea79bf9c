"""PostgreSQL: stored, weighted tsvectors with GIN indexes, ranked with ts_rank_cd.

The `archive_english` text search configuration (migration 0005) runs unaccent before
the English stemmer, so "botas" finds "BOTAŞ". Weights: title A, summary and linked
entities B, body C; for statements, the quote A and who said it B.
"""

from django.db import connection, connections, transaction
from django.db.models.expressions import RawSQL

from archive.routers import reading_alias
from articles.models import Article
from articles.search.base import HIGHLIGHT_END, HIGHLIGHT_START, SearchBackend
from articles.search.query import ParsedQuery, Term

CONFIG = "archive_english"
HEADLINE_OPTIONS = (
    f'StartSel="{HIGHLIGHT_START}", StopSel="{HIGHLIGHT_END}", '
    'MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "'
)
# Titles and quotes are short: shown whole, every match marked.
HIGHLIGHT_ALL = HEADLINE_OPTIONS + ", HighlightAll=true"


def term_sql(term: Term) -> str:
    # Words are letters and digits only (see query.py), so they are safe in tsquery syntax.
    return "(" + " <-> ".join(term.words) + ")"


def tsquery_text(query: ParsedQuery) -> str:
    """The parsed query in to_tsquery syntax: & between clauses, | within, ! to exclude."""
    parts = ["(" + " | ".join(term_sql(term) for term in clause) + ")" for clause in query.clauses]
    parts.extend("!" + term_sql(term) for term in query.excluded)
    return " & ".join(parts)


def reading(model):
    """The connection this request reads from: a replica for readers when there is one."""
    return connections[reading_alias(model)]


class PostgresBackend(SearchBackend):
    def write_articles(self, documents):
        self.write(self.article_table, "article_id", documents,
                   ["title", "summary", "body", "entities"], "ABCB")

    def write_statements(self, documents):
        self.write(self.statement_table, "statement_id", documents, ["text", "people"], "AB")

    def write(self, table, key, documents, columns, weights):
        """Index entries for `documents`: their text is COPYed into a scratch table and
        turned into weighted vectors by one INSERT, instead of one statement per row."""
        if not documents:
            return
        vector = " || ".join(
            f"setweight(to_tsvector('{CONFIG}', coalesce({column}, '')), '{weight}')"
            for column, weight in zip(columns, weights, strict=True)
        )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMP TABLE incoming_{table} (id bigint, {' text, '.join(columns)} text) "
                "ON COMMIT DROP"  # or at the end, if this runs inside a longer transaction
            )
            with cursor.cursor.copy(f"COPY incoming_{table} FROM STDIN") as copy:
                for document in documents:
                    copy.write_row([document.id, *(getattr(document, c) for c in columns)])
            cursor.execute(
                f"""
                INSERT INTO {table} ({key}, document) SELECT id, {vector} FROM incoming_{table}
                ON CONFLICT ({key}) DO UPDATE SET document = EXCLUDED.document
                """  # noqa: S608  (constants only)
            )
            cursor.execute(f"DROP TABLE incoming_{table}")

    def remove(self, table, ids):
        key = "article_id" if table == self.article_table else "statement_id"
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE {key} = ANY(%s)", [list(ids)])  # noqa: S608

    def indexed_ids(self, model):
        table = self.table_for(model)
        key = "article_id" if table == self.article_table else "statement_id"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {key} FROM {table}")  # noqa: S608  (constants only)
            return {row[0] for row in cursor.fetchall()}

    def id_list(self, ids):
        return RawSQL("SELECT unnest(%s::bigint[])", [list(ids)])  # noqa: S611

    def matching(self, table, key, query):
        # With an excluded word, the matches are gathered from the GIN index first and then
        # ordered (OFFSET 0 keeps the planner from folding this subquery into the outer
        # one): folded, it walked the articles newest first and checked each vector
        # against the negation, which for `pipeline -gas` at a million articles ran for
        # over fifteen minutes.
        fence = " OFFSET 0" if query.excluded else ""
        return RawSQL(  # noqa: S611  (constant table names; the query is a parameter)
            f"SELECT {key} FROM {table} WHERE document @@ to_tsquery('{CONFIG}', %s){fence}",  # noqa: S608
            [tsquery_text(query)],
        )

    def filter_articles(self, queryset, query):
        return queryset.filter(pk__in=self.matching(self.article_table, "article_id", query))

    def filter_statements(self, queryset, query):
        return queryset.filter(pk__in=self.matching(self.statement_table, "statement_id", query))

    def ranked_ids(self, model, ids, query, offset, limit):
        table = self.table_for(model)
        key = "article_id" if table == self.article_table else "statement_id"
        with reading(model).cursor() as cursor:
            cursor.execute(
                f"""
                SELECT d.{key}
                FROM {table} d, to_tsquery('{CONFIG}', %s) q
                WHERE d.{key} = ANY(%s) AND d.document @@ q
                ORDER BY ts_rank_cd(d.document, q) DESC, d.{key} DESC
                LIMIT %s OFFSET %s
                """,  # noqa: S608  (table names are constants; values are parameters)
                [tsquery_text(query), list(ids), limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]

    def marked_article_text(self, ids, query):
        return self.headlines("articles_article", ids, query,
                              ("title", HIGHLIGHT_ALL), ("body", HEADLINE_OPTIONS))

    def marked_statement_text(self, ids, query):
        return self.headlines("articles_statement", ids, query, ("text", HIGHLIGHT_ALL))

    def headlines(self, table, ids, query, *columns):
        """ts_headline of each (column, options) of the rows `ids`."""
        marked = ", ".join(
            f"ts_headline('{CONFIG}', {column}, q, %s)" for column, _ in columns)
        with reading(Article).cursor() as cursor:
            cursor.execute(
                f"""
                SELECT id, {marked}
                FROM {table}, to_tsquery('{CONFIG}', %s) q WHERE id = ANY(%s)
                """,  # noqa: S608  (constants only)
                [*(options for _, options in columns), tsquery_text(query), list(ids)],
            )
            return cursor.fetchall()
