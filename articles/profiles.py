"""What entity pages show beyond the lists: timelines, partners, co-mentions, topics."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth

from articles.models import Article, Company, Country, Sector, listed_q
from articles.search import backend

TOP = 8
SAMPLE = 1000


@dataclass(frozen=True)
class MonthCount:
    month: date
    count: int

    @property
    def label(self) -> str:
        return f"{self.month:%b %Y}"


def country_counts() -> list[Country]:
    """Countries with their published articles and their companies, most covered first.

    Each count is its own GROUP BY over one link table: joined in one query, they would
    multiply (a country's articles times its companies) and grow with the archive squared.
    """
    articles = dict(
        Article.countries.through.objects.filter(listed_q("article__"))
        .order_by().values_list("country_id").annotate(n=Count("article_id"))
    )
    companies = dict(Company.objects.published().exclude(country=None).order_by()
                     .values_list("country_id").annotate(n=Count("pk")))
    countries = list(Country.objects.filter(pk__in=articles.keys() | companies.keys()))
    for country in countries:
        country.article_count = articles.get(country.pk, 0)
        country.company_count = companies.get(country.pk, 0)
    return sorted(countries, key=lambda c: (-c.article_count, c.name))


def monthly_counts(articles) -> list[MonthCount]:
    """Articles per month, every month from the first to the last one present."""
    rows = dict(
        articles.order_by().annotate(month=TruncMonth("published_on"))
        .values_list("month").annotate(n=Count("pk"))
    )
    if not rows:
        return []
    months = {(m.year, m.month): n for m, n in rows.items()}
    first, last = min(months), max(months)
    series, (year, month) = [], first
    while (year, month) <= last:
        series.append(MonthCount(date(year, month, 1), months.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return series


def linked_counts(model, relation: str, articles, exclude=None, limit=TOP):
    """The entities most often linked to `articles`, with how many of them each is in.

    Counted over the newest SAMPLE articles, as the facets are: enough to show who goes
    with whom, without grouping every link of an entity found in thousands of articles.
    """
    newest = list(articles.order_by("-published_on", "-pk").values_list("pk", flat=True)[:SAMPLE])
    queryset = model.objects.published().filter(**{f"{relation}__in": backend().id_list(newest)})
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return list(queryset.annotate(shared=Count(relation, distinct=True))
                .order_by("-shared", "name")[:limit])


def partner_countries(country, articles):
    return linked_counts(Country, "articles", articles, exclude=country)


def co_mentioned(articles, exclude=None):
    return {
        "companies": linked_counts(Company, "articles", articles,
                                   exclude=exclude if isinstance(exclude, Company) else None),
        "countries": linked_counts(Country, "articles", articles),
    }


def topics(articles):
    return {
        "countries": linked_counts(Country, "articles", articles),
        "sectors": linked_counts(Sector, "articles", articles),
    }


def pair_companies(first: Country, second: Country, articles):
    """The companies of each side that the pair's articles mention."""
    companies = Company.objects.published().filter(articles__in=articles.values("pk")).annotate(
        shared=Count("articles", distinct=True)).order_by("-shared", "name")
    return (list(companies.filter(country=first)[:TOP]),
            list(companies.filter(country=second)[:TOP]))
