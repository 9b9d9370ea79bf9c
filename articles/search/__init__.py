"""Full-text search over articles and statements, on whichever database the archive uses.

    backend()                      the SearchBackend for the current database
    parse(text)                    a reader's query, read once for every database
    RankedResults(queryset, ...)   a page-able sequence of matches, best first

Nothing outside this package knows which database it runs on.
"""

from functools import cache, cached_property

from django.db import connection

from articles.search.base import SearchBackend
from articles.search.query import MAX_QUERY_LENGTH, ParsedQuery, parse

__all__ = ["MAX_QUERY_LENGTH", "RankedResults", "SearchBackend", "backend", "parse"]


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

    The matches' ids are read once, newest first and at most CANDIDATE_LIMIT + 1 of them
    (cheap however broad the search: the database stops early). Django's Paginator counts
    those and slices them; a slice ranks the candidates in the database and loads only its
    own rows through `rows` (select_related, prefetching...). When there are more matches
    than CANDIDATE_LIMIT, the newest CANDIDATE_LIMIT are the ones ranked and `is_bounded`
    says so; they are not counted further (the page says "more than"), since counting every
    match of a common word is what makes a broad search slow.
    """

    def __init__(self, queryset, query: ParsedQuery, date_field: str, rows=lambda qs: qs):
        self.matches = queryset
        self.model = queryset.model
        self.query = query
        self.date_field = date_field
        self.rows = rows

    @cached_property
    def _newest_ids(self) -> list[int]:
        newest = self.matches.order_by(f"-{self.date_field}", "-pk")
        return list(newest.values_list("pk", flat=True)[:CANDIDATE_LIMIT + 1])

    @property
    def candidate_ids(self) -> list[int]:
        return self._newest_ids[:CANDIDATE_LIMIT]

    @property
    def is_bounded(self) -> bool:
        return len(self._newest_ids) > CANDIDATE_LIMIT

    def count(self) -> int:
        return len(self.candidate_ids)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item:item + 1][0]
        start, stop = item.start or 0, item.stop
        if not self.candidate_ids:
            return []
        ids = backend().ranked_ids(self.model, self.candidate_ids, self.query, start, stop - start)
        found = self.rows(self.model.objects.filter(pk__in=ids)).in_bulk()
        return [found[pk] for pk in ids if pk in found]
