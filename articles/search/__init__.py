"""Full-text search over articles and statements, on whichever database the archive uses.

    backend()                      the SearchBackend for the current database
    parse(text)                    a reader's query, read once for every database
    RankedResults(queryset, ...)   a page-able sequence of matches, best first

Nothing outside this package knows which database it runs on.
"""

from functools import cache, cached_property

from django.db import connection

from articles.models import Article
from articles.search.base import SearchBackend
from articles.search.query import MAX_QUERY_LENGTH, ParsedQuery, parse

__all__ = ["CappedResults", "MAX_QUERY_LENGTH", "RankedResults", "SearchBackend",
           "StatementsOfListedArticles", "backend", "parse"]


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


class CappedResults:
    """The first rows of a filtered, ordered queryset, fetched a page at a time.

    The ids are read once, in the queryset's order and at most CANDIDATE_LIMIT + 1 of them
    (cheap however many rows match: the database stops early). Django's Paginator counts those
    and slices them; a slice loads only its own rows through `rows` (select_related,
    prefetching...). When more rows match, `is_bounded` says so and the page says "more
    than": counting every article of a country found in half the archive, and paging
    a thousand pages deep, are what would make a list grow with the archive.
    """

    def __init__(self, queryset, rows=lambda qs: qs):
        self.matches = queryset
        self.model = queryset.model
        self.rows = rows

    def ordered_matches(self):
        return self.matches

    def is_newest_first(self) -> bool:
        """Whether the rows come newest first, ties by id: the order of the queryset's own
        `in_date_order()`."""
        return self.ordered_matches().query.order_by == self.matches.in_date_order().query.order_by

    @cached_property
    def _first_ids(self) -> list[int]:
        ordered = self.ordered_matches()
        return list(ordered.values_list("pk", flat=True)[:CANDIDATE_LIMIT + 1])

    @property
    def candidate_ids(self) -> list[int]:
        return self._first_ids[:CANDIDATE_LIMIT]

    @property
    def is_bounded(self) -> bool:
        return len(self._first_ids) > CANDIDATE_LIMIT

    def count(self) -> int:
        return len(self.candidate_ids)

    def __len__(self) -> int:
        return self.count()

    def page_ids(self, start: int, stop: int) -> list[int]:
        return self.candidate_ids[start:stop]

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item:item + 1][0]
        start, stop = item.start or 0, item.stop
        if not self.candidate_ids:
            return []
        ids = self.page_ids(start, stop)
        found = self.rows(self.model.objects.filter(pk__in=ids)).in_bulk()
        return [found[pk] for pk in ids if pk in found]


class RankedResults(CappedResults):
    """The matches of a search in order of relevance: the newest CANDIDATE_LIMIT matches
    are ranked in the database, and only a page's rows are loaded."""

    def __init__(self, queryset, query: ParsedQuery, rows=lambda qs: qs):
        super().__init__(queryset, rows)
        self.query = query

    def ordered_matches(self):
        return self.matches.in_date_order()

    def page_ids(self, start: int, stop: int) -> list[int]:
        return backend().ranked_ids(self.model, self.candidate_ids, self.query, start,
                                    stop - start)


class StatementsOfListedArticles(CappedResults):
    """The statements of an entity page's articles, newest article first, found from the
    article list's own first ids instead of walking every article of the archive.

    Ordered by article date, the first statements are those of the newest articles: every
    article dated after the oldest day of `articles`' candidates is among them, and that
    day is taken whole. When that yields more than CANDIDATE_LIMIT statements, they are
    exactly the first ones; otherwise (articles with few statements) the plain query runs.
    At a million articles the walk checked ~50,000 statements for a small country (350 ms).

    Only for `statements` that are the published statements in the articles `articles`
    lists, unfiltered and both newest first: the caller checks that.
    """

    def __init__(self, queryset, rows, articles: CappedResults):
        super().__init__(queryset, rows)
        self.articles = articles

    @cached_property
    def _first_ids(self) -> list[int]:
        article_ids = self.articles.candidate_ids
        if not article_ids:
            return []
        oldest_day = Article.objects.filter(pk=article_ids[-1]).values_list(
            "published_on", flat=True).first()
        that_day = self.articles.matches.filter(published_on=oldest_day).values_list(
            "pk", flat=True)
        # Of the statements readers see, those of these articles: the ids are of `articles`
        # already, so the test "in `articles`" that the statement query carries would only
        # make the database find every one of them again (280 ms for a country at 1M).
        from_newest = self.model.objects.published().in_date_order().filter(
            article_id__in=sorted({*article_ids, *that_day}))
        first = list(from_newest.values_list("pk", flat=True)[:CANDIDATE_LIMIT + 1])
        if len(first) > CANDIDATE_LIMIT or not self.articles.is_bounded:
            return first
        return super()._first_ids
