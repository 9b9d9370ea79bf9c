"""Full-text search over articles and statements, on whichever database the archive uses.

    backend()                      the SearchBackend for the current database
    parse(text)                    a reader's query, read once for every database
    RankedResults(queryset, ...)   a page-able sequence of matches, best first

Nothing outside this package knows which database it runs on.
"""

from functools import cache, cached_property

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


# Broad searches rank only this many of their newest matches: ranking every one of tens of
# thousands of matches is what makes a search slow, and a reader looks at the first pages.
CANDIDATE_LIMIT = 1000


class RankedResults:
    """The rows of a filtered, matched queryset in order of relevance, fetched a page at a time.

    Django's Paginator counts it and slices it; a slice ranks only what it needs in the
    database and then loads those rows through `rows` (select_related, prefetching...).
    When there are more than CANDIDATE_LIMIT matches, the newest CANDIDATE_LIMIT of them
    are the ones ranked (and counted, and faceted): `is_bounded` says so.
    """

    def __init__(self, queryset, query: ParsedQuery, date_field: str, rows=lambda qs: qs):
        self.matches = queryset
        self.query = query
        self.date_field = date_field
        self.rows = rows

    @cached_property
    def total(self) -> int:
        return self.matches.count()

    @property
    def is_bounded(self) -> bool:
        return self.total > CANDIDATE_LIMIT

    @cached_property
    def candidates(self):
        """The matches that get ranked: all of them, or the newest CANDIDATE_LIMIT."""
        if not self.is_bounded:
            return self.matches
        newest = self.matches.order_by(f"-{self.date_field}", "-pk").values("pk")
        return self.matches.model.objects.filter(pk__in=newest[:CANDIDATE_LIMIT])

    def count(self) -> int:
        return min(self.total, CANDIDATE_LIMIT)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item:item + 1][0]
        start, stop = item.start or 0, item.stop
        ids = backend().ranked_ids(self.candidates, self.query, start, stop - start)
        found = self.rows(self.matches.model.objects.filter(pk__in=ids)).in_bulk()
        return [found[pk] for pk in ids if pk in found]
