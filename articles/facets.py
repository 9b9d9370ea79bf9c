"""Counts of the current results by country, company, sector, speaker, source and year.

Each value links to the same list narrowed by it, so a reader can drill down without
typing. The counts are taken over the newest FACET_LIMIT results (all of them for a
narrower list): counting tens of thousands of links on every page view is what would
make a broad list slow, and the page says when the counts are over that sample.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear

from articles.models import Article, Company, Country, Sector, Source, Speaker, Statement
from articles.search import CANDIDATE_LIMIT, CappedResults, RankedResults, backend

VALUES_PER_FACET = 8
FACET_LIMIT = CANDIDATE_LIMIT


@dataclass(frozen=True)
class FacetValue:
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class Facet:
    parameter: str
    title: str
    values: list[FacetValue]


def article_links(ids):
    """For each facet of an article list: (entity id, number of articles) rows.

    `ids` are rows readers see; the entities counted are those readers see too.
    """
    return {
        "country": Article.countries.through.objects.filter(article_id__in=ids)
        .values_list("country_id").annotate(n=Count("article_id")),
        "company": Article.companies.through.objects.filter(
            article_id__in=ids, company__in=Company.objects.published())
        .values_list("company_id").annotate(n=Count("article_id")),
        "sector": Article.sectors.through.objects.filter(article_id__in=ids)
        .values_list("sector_id").annotate(n=Count("article_id")),
        "speaker": Statement.objects.published().filter(article_id__in=ids, speaker__isnull=False)
        .values_list("speaker_id").annotate(n=Count("article_id", distinct=True)),
        "source": Article.objects.filter(pk__in=ids, source__isnull=False)
        .values_list("source_id").annotate(n=Count("pk")),
    }


def statement_links(ids):
    """For each facet of a statement list: (entity id, number of statements) rows."""
    statements = Statement.objects.filter(pk__in=ids)
    return {
        "country": statements.filter(article__countries__isnull=False)
        .values_list("article__countries").annotate(n=Count("pk")),
        "company": statements.filter(article__companies__in=Company.objects.published())
        .values_list("article__companies").annotate(n=Count("pk")),
        "sector": statements.filter(article__sectors__isnull=False)
        .values_list("article__sectors").annotate(n=Count("pk")),
        "speaker": statements.filter(speaker__isnull=False)
        .values_list("speaker_id").annotate(n=Count("pk")),
        "source": statements.filter(article__source__isnull=False)
        .values_list("article__source").annotate(n=Count("pk")),
    }


FACETS = [
    ("country", Country, "code", "Countries"),
    ("company", Company, "slug", "Companies"),
    ("sector", Sector, "slug", "Sectors"),
    ("speaker", Speaker, "slug", "Speakers"),
    ("source", Source, "slug", "Sources"),
]


def entities(model, ids) -> dict:
    """The facet's entities by id; a sector's label names its parent, fetched alongside."""
    queryset = model.objects.published()
    return (queryset.select_related("parent") if model is Sector else queryset).in_bulk(ids)


def counted_ids(filterset, results) -> tuple[list[int], bool]:
    """The rows the facets count, and whether they are only the newest FACET_LIMIT."""
    if isinstance(results, RankedResults):
        return results.candidate_ids, results.is_bounded
    if isinstance(results, CappedResults) and results.is_newest_first():
        # The list is newest first already: the ids it read are the ones to count.
        ids = results.candidate_ids
        return ids[:FACET_LIMIT], results.is_bounded or len(ids) > FACET_LIMIT
    newest = filterset.qs.in_date_order()
    ids = list(newest.values_list("pk", flat=True)[:FACET_LIMIT + 1])
    return ids[:FACET_LIMIT], len(ids) > FACET_LIMIT


def facets(filterset, ids: list[int]) -> list[Facet]:
    """The facets of the rows `ids` of a filtered list (articles or statements)."""
    ids = backend().id_list(ids)
    is_articles = filterset.queryset.model is Article
    links = (article_links if is_articles else statement_links)(ids)
    found = []
    for parameter, model, key, title in FACETS:
        active = {str(getattr(obj, key)) for obj in filterset.resolved.get(parameter, [])}
        counts = dict(links[parameter].order_by("-n")[:VALUES_PER_FACET + len(active)])
        values = sorted(
            (FacetValue(str(entity), counts[pk], filterset.url_with(parameter, entity_key))
             for pk, entity in entities(model, list(counts)).items()
             if (entity_key := str(getattr(entity, key))) not in active),
            key=lambda value: (-value.count, value.label),
        )[:VALUES_PER_FACET]
        if values:
            found.append(Facet(parameter, title, values))
    date_field = filterset.date_field
    years = (
        filterset.queryset.model.objects.filter(pk__in=ids)
        .annotate(year=ExtractYear(date_field)).values_list("year")
        .annotate(n=Count("pk")).order_by("-year")
    )
    year_values = [FacetValue(str(year), n, filterset.url_with_years(year)) for year, n in years]
    if len(year_values) > 1:
        found.append(Facet("year", "Years", year_values))
    return found
