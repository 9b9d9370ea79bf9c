"""What entity pages show beyond the lists: timelines, partners, topics, the pair's sides."""

from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from articles.models import (
    Article,
    Company,
    Country,
    Sector,
    Speaker,
    Statement,
    count_of,
    listed_q,
)
from articles.search import backend

TOP = 8
SAMPLE = 1000


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


def monthly_counts(rows, date_field: str = "published_on") -> dict[date, int]:
    """How many of `rows` (articles, or statements by their article's date) each month has;
    months without any are left out (the chart shows them as zeros)."""
    return dict(
        rows.order_by().annotate(month=TruncMonth(date_field))
        .values_list("month").annotate(n=Count("pk"))
    )


def linked_counts(model, relation: str, articles, exclude=None, limit=TOP):
    """The entities most often linked to `articles`, with how many of them each is in.

    Counted over the newest SAMPLE articles, as the facets are: enough to show who goes
    with whom, without grouping every link of an entity found in thousands of articles.
    """
    queryset = model.objects.published().filter(
        **{f"{relation}__in": backend().id_list(newest_ids(articles))})
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return list(queryset.annotate(shared=Count(relation, distinct=True))
                .order_by("-shared", "name")[:limit])


def newest_ids(articles) -> list[int]:
    """The newest SAMPLE of `articles`, which what goes with whom is counted over."""
    return list(articles.order_by("-published_on", "-pk").values_list("pk", flat=True)[:SAMPLE])


def partner_countries(country, articles):
    return linked_counts(Country, "articles", articles, exclude=country)


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


def for_country(country: Country) -> Q:
    """Statements speaking for `country`: made for one of its organisations or, for no
    organisation, by one of its nationals."""
    return (Q(speaker_organization__country=country)
            | Q(speaker_organization=None, speaker__nationality=country))


def pair_speakers(first: Country, second: Country, articles):
    """The people quoted in the pair's articles speaking for each side, most quoted first."""
    statements = Statement.objects.published().in_articles(articles)

    def side(country):
        said = statements.filter(for_country(country))
        return list(Speaker.objects.published().filter(pk__in=said.values("speaker_id"))
                    .annotate(shared=count_of(said, "speaker")).order_by("-shared", "name")[:TOP])

    return side(first), side(second)


def said_about(speaking: Country, about: Country, limit: int = 5):
    """What `speaking`'s side said in articles involving `about`: the newest few, and how many."""
    statements = Statement.objects.published().filter(for_country(speaking)).in_articles(
        Article.objects.published().involving_all("countries", [about]))
    newest = (statements.select_related("speaker", "speaker_organization", "article__source")
              .order_by("-article__published_on", "-pk")[:limit])
    return {"statements": list(newest), "count": statements.count()}
