"""Full-text search over articles and statements, on whichever database the archive uses.

    backend()                      the SearchBackend for the current database
    parse(text)                    a reader's query, read once for every database
    RankedResults(queryset, ...)   a page-able sequence of matches, best first

Nothing outside this package knows which database it runs on.
"""

from functools import cache

from django.db import connection

from articles.search.base import SearchBackend
from articles.search.query import ParsedQuery, parse

__all__ = ["RankedResults", "SearchBackend", "backend", "parse"]


@cache
def backend_for(vendor: str) -> SearchBackend:
    if vendor == "postgresql":
        from articles.search.postgres import PostgresBackend

        return PostgresBackend()
    if vendor == "sqlite":
        from articles.search.sqlite import SQLiteBackend

        return SQLiteBackend()
    raise NotImplementedError(f"No search backend for {vendor}.")


def backend() -> SearchBackend:
    return backend_for(connection.vendor)


class RankedResults:
    """The rows of a filtered, matched queryset in order of relevance, fetched a page at a time.

    Django's Paginator counts it and slices it; a slice ranks only what it needs in the
    database and then loads those rows through `rows` (select_related, prefetching...).
    """

    def __init__(self, queryset, query: ParsedQuery, rows=lambda qs: qs):
        self.queryset = queryset
        self.query = query
        self.rows = rows

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item:item + 1][0]
        start, stop = item.start or 0, item.stop
        ids = backend().ranked_ids(self.queryset, self.query, start, stop - start)
        found = self.rows(self.queryset.model.objects.filter(pk__in=ids)).in_bulk()
        return [found[pk] for pk in ids if pk in found]
