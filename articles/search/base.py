"""What every database's search backend does, and the parts they share.

A backend keeps an index of articles and statements, filters a queryset to the rows
matching a parsed query, ranks a page of matches, and marks the matched words in
snippets. Which database it runs on is known only to the backend modules.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from articles.search.documents import (
    ArticleDocument,
    StatementDocument,
    article_documents,
    statement_documents,
)
from articles.search.query import ParsedQuery

# Private-use characters mark highlights in the database's output; the text around them
# is escaped and only the marks become <mark> tags.
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_END = "\ue001"


def marked_to_html(marked: str) -> SafeString:
    """Escape every piece of text and turn only the highlight marks into <mark> tags."""
    pieces = []
    for chunk in marked.split(HIGHLIGHT_START):
        if HIGHLIGHT_END in chunk:
            highlighted, rest = chunk.split(HIGHLIGHT_END, 1)
            rest = rest.replace(HIGHLIGHT_END, "")
            pieces.append(f"<mark>{escape(highlighted)}</mark>{escape(rest)}")
        else:
            pieces.append(escape(chunk))
    return mark_safe("".join(pieces))  # noqa: S308  (every piece above is escaped)


@dataclass(frozen=True)
class Highlight:
    snippet: SafeString
    title: SafeString | None = None


class SearchBackend:
    """One kind of index: subclasses define the SQL for their database."""

    # The kinds of rows the index holds: the table (or SQL) names used by each backend.
    article_table = "search_article"
    statement_table = "search_statement"

    # --- indexing ------------------------------------------------------------------------

    def index_articles(self, ids: Iterable[int]) -> int:
        documents = list(article_documents(ids))
        self.write_articles(documents)
        return len(documents)

    def index_statements(self, ids: Iterable[int]) -> int:
        documents = list(statement_documents(ids))
        self.write_statements(documents)
        return len(documents)

    def write_articles(self, documents: list[ArticleDocument]) -> None:
        raise NotImplementedError

    def write_statements(self, documents: list[StatementDocument]) -> None:
        raise NotImplementedError

    def remove_articles(self, ids: Iterable[int]) -> None:
        self.remove(self.article_table, ids)

    def remove_statements(self, ids: Iterable[int]) -> None:
        self.remove(self.statement_table, ids)

    def remove(self, table: str, ids: Iterable[int]) -> None:
        raise NotImplementedError

    def indexed_ids(self, model) -> set[int]:
        """The ids of the rows of `model` that have an entry in the index."""
        raise NotImplementedError

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.article_table}")  # noqa: S608
            cursor.execute(f"DELETE FROM {self.statement_table}")  # noqa: S608

    # --- querying ------------------------------------------------------------------------

    def filter_articles(self, queryset, query: ParsedQuery):
        raise NotImplementedError

    def filter_statements(self, queryset, query: ParsedQuery):
        raise NotImplementedError

    def id_list(self, ids: list[int]):
        """An expression for `pk__in=` holding `ids` as one parameter, not one per id."""
        raise NotImplementedError

    def table_for(self, model) -> str:
        return self.article_table if model is Article else self.statement_table

    def ranked_ids(self, model, ids: list[int], query: ParsedQuery, offset: int, limit: int):
        """Of the rows `ids` (all matching `query`), those offset..offset+limit by rank."""
        raise NotImplementedError


    def highlights(self, model, ids: list[int], query: ParsedQuery) -> dict[int, Highlight]:
        """For each row, its text around the matches, and an article's whole title, with the
        matched words marked: escaped HTML."""
        if model is Article:
            return {pk: Highlight(marked_to_html(body), marked_to_html(title))
                    for pk, title, body in self.marked_article_text(ids, query)}
        return {pk: Highlight(marked_to_html(text))
                for pk, text in self.marked_statement_text(ids, query)}

    def marked_article_text(self, ids, query):
        """(id, title with every match marked, body around the best matches) rows."""
        raise NotImplementedError

    def marked_statement_text(self, ids, query):
        raise NotImplementedError
