"""The company and speaker lists' order: most covered first, counted once per content version.

Ordering entities by a count per row makes the database count every entity's links on every
request, and that grows with the archive (28 s for /speakers/ at a million articles). Here
each count is one GROUP BY over one table, the ranking of every entity is cached until the
content changes (articles/caching.py), and a page only fetches its own twenty rows.
"""

from dataclasses import dataclass

from django.db.models import Count

from articles.caching import versioned
from articles.models import Article, Company, Speaker, Statement, listed_q, may_preview


@dataclass(frozen=True)
class Ranked:
    pk: int
    count: int
    published: bool


def ranking(model, counts: dict[int, int]) -> list[Ranked]:
    published = set(model.objects.published().values_list("pk", flat=True))
    rows = model.objects.order_by().values_list("pk", "name")
    ordered = sorted(rows, key=lambda row: (-counts.get(row[0], 0), row[1].casefold(), row[0]))
    return [Ranked(pk, counts.get(pk, 0), pk in published) for pk, _ in ordered]


def company_ranking() -> list[Ranked]:
    """Every company by its number of published articles (each story once)."""
    counts = dict(Article.companies.through.objects.filter(listed_q("article__")).order_by()
                  .values_list("company_id").annotate(n=Count("article_id")))
    return ranking(Company, counts)


def speaker_ranking() -> list[Ranked]:
    """Every speaker by the number of published statements attributed to them."""
    counts = dict(Statement.objects.published().exclude(speaker=None).order_by()
                  .values_list("speaker_id").annotate(n=Count("pk")))
    return ranking(Speaker, counts)


RANKINGS = {Company: ("company-ranking", company_ranking),
            Speaker: ("speaker-ranking", speaker_ranking)}


def ranked_for(user, model) -> list[Ranked]:
    """The ranking as `user` may see it: editors preview what awaits review as well."""
    key, build = RANKINGS[model]
    rows = versioned(key, build)
    return rows if may_preview(user) else [row for row in rows if row.published]


def with_counts(rows: list[Ranked], queryset, attribute: str) -> list:
    """The entities of one page of `rows`, in order, each with its count as `attribute`."""
    found = queryset.in_bulk([row.pk for row in rows])
    entities = []
    for row in rows:
        # An entity deleted since the ranking was cached is simply left out.
        if (entity := found.get(row.pk)) is not None:
            setattr(entity, attribute, row.count)
            entities.append(entity)
    return entities
