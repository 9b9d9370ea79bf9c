"""The company and speaker lists' order: most covered first, counted once per content version.

Ordering entities by a count per row makes the database count every entity's links on every
request, and that grows with the archive (28 s for /speakers/ at a million articles). Here
each count is one GROUP BY over one table, the ranking of every entity is cached until the
content changes (articles/caching.py), and a page only fetches its own twenty rows.
"""

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count

from articles.caching import versioned
from articles.models import Article, Company, Speaker, Statement, listed_q, may_preview


@dataclass(frozen=True)
class Ranked:
    pk: int
    count: int


class Ranking(Sequence):
    """Entities' ids and counts in rank order, kept as two arrays of machine integers.

    The ranking is read from the cache on every list request. As a list of one object per
    entity it took tens of milliseconds to unpickle at a million articles, and that time
    grew with the number of entities. Two arrays unpickle as two blocks of bytes. Slicing
    one page gives that page's rows as `Ranked`, which is what the paginator asks for.
    """

    def __init__(self, pks=(), counts=()):
        self.pks = array("q", pks)
        self.counts = array("q", counts)

    def __len__(self):
        return len(self.pks)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [Ranked(pk, count)
                    for pk, count in zip(self.pks[index], self.counts[index], strict=True)]
        return Ranked(self.pks[index], self.counts[index])


def ranking(model, counts: dict[int, int]) -> dict[str, Ranking]:
    """The ranking of every entity, and of the published ones that readers see."""
    published = set(model.objects.published().values_list("pk", flat=True))
    rows = model.objects.order_by().values_list("pk", "name")
    ordered = [pk for pk, _ in sorted(
        rows, key=lambda row: (-counts.get(row[0], 0), row[1].casefold(), row[0]))]

    def of(pks):
        return Ranking(pks, [counts.get(pk, 0) for pk in pks])

    return {"all": of(ordered), "published": of([pk for pk in ordered if pk in published])}


def company_ranking() -> dict[str, Ranking]:
    """Every company by its number of published articles (each story once)."""
    counts = dict(Article.companies.through.objects.filter(listed_q("article__")).order_by()
                  .values_list("company_id").annotate(n=Count("article_id")))
    return ranking(Company, counts)


def speaker_ranking() -> dict[str, Ranking]:
    """Every speaker by the number of published statements attributed to them."""
    counts = dict(Statement.objects.published().exclude(speaker=None).order_by()
                  .values_list("speaker_id").annotate(n=Count("pk")))
    return ranking(Speaker, counts)


RANKINGS = {Company: ("company-ranking", company_ranking),
            Speaker: ("speaker-ranking", speaker_ranking)}


def ranked_for(user, model) -> Ranking:
    """The ranking as `user` may see it: editors preview what awaits review as well."""
    key, build = RANKINGS[model]
    return versioned(key, build)["all" if may_preview(user) else "published"]


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
