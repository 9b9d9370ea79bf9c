"""Counts of the current results by country, company, sector, speaker, source and year.

Each value links to the same list narrowed by it, so a reader can drill down without
typing. The counts are over the whole filtered result set, not just the page shown.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear

from articles.models import Article, Company, Country, Sector, Source, Speaker

VALUES_PER_FACET = 8

# How each entity reaches the rows being counted, for article lists and statement lists.
PATHS = {
    Article: {"country": "articles", "company": "articles", "sector": "articles",
              "speaker": "statements__article", "source": "articles"},
    "statement": {"country": "articles__statements", "company": "articles__statements",
                  "sector": "articles__statements", "speaker": "statements",
                  "source": "articles__statements"},
}
FACETS = [
    ("country", Country, "code", "Countries"),
    ("company", Company, "slug", "Companies"),
    ("sector", Sector, "slug", "Sectors"),
    ("speaker", Speaker, "slug", "Speakers"),
    ("source", Source, "slug", "Sources"),
]


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


def facets(filterset, counted=None) -> list[Facet]:
    """The facets of a filtered list (an ArticleFilterSet or a StatementFilterSet).

    `counted` narrows what is counted, for a broad search ranked on its newest matches.
    """
    counted = filterset.qs if counted is None else counted
    results = counted.order_by().values("pk")
    paths = PATHS[Article] if filterset.queryset.model is Article else PATHS["statement"]
    active = {parameter: {str(getattr(obj, key)) for obj in filterset.resolved.get(parameter, [])}
              for parameter, _, key, _ in FACETS}
    found = []
    for parameter, model, key, title in FACETS:
        path = paths[parameter]
        entities = (
            model.objects.filter(**{f"{path}__in": results})
            .annotate(result_count=Count(path, distinct=True))
            .order_by("-result_count", "name")[:VALUES_PER_FACET + len(active[parameter])]
        )
        values = [
            FacetValue(str(entity), entity.result_count,
                       filterset.url_with(parameter, str(getattr(entity, key))))
            for entity in entities
            if str(getattr(entity, key)) not in active[parameter]
        ][:VALUES_PER_FACET]
        if values:
            found.append(Facet(parameter, title, values))
    years = (
        counted.order_by()
        .annotate(year=ExtractYear(filterset.date_field))
        .values_list("year")
        .annotate(result_count=Count("pk"))
        .order_by("-year")
    )
    year_values = [
        FacetValue(str(year), count, filterset.url_with_years(year)) for year, count in years
    ]
    if len(year_values) > 1:
        found.append(Facet("year", "Years", year_values))
    return found
