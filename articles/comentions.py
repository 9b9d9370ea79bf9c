"""Who appears with whom: the companies, countries and speakers of an entity's articles.

An entity appears in an article when the article names it (companies, countries) or
quotes it (speakers, through a published statement). Two entities are linked by the
published articles they share, counted over the entity's newest articles as the other
profiles are. Only what readers see takes part: each link table is read through the
QuerySets' own visibility rules.
"""

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.urls import reverse

from articles.models import Article, Company, Country, Speaker, Statement
from articles.profiles import newest_ids
from articles.search import backend

# Enough to show a neighbourhood, few enough that every label stays readable.
NETWORK_SIZE = 15


@dataclass(frozen=True, order=True)
class Entity:
    kind: str  # "company", "country" or "speaker"
    key: str   # slug, or country code
    name: str

    @property
    def url(self) -> str:
        if self.kind == "country":
            return reverse("country_detail", args=[self.key.lower()])
        return reverse(f"{self.kind}_detail", args=[self.key])


def entity_of(obj) -> Entity:
    if isinstance(obj, Country):
        return Entity("country", obj.code, obj.name)
    return Entity(obj._meta.model_name, obj.slug, obj.name)


@dataclass(frozen=True)
class CoMentions:
    """The centre first, then the others sharing the most articles with it; `links` joins
    nodes (by index) that share articles, with how many."""

    nodes: list[Entity]
    weights: list[int]
    links: list[tuple[int, int, int]]

    @property
    def others(self) -> list[tuple[Entity, int]]:
        return list(zip(self.nodes[1:], self.weights[1:], strict=True))


def appearances(article_ids: list[int]) -> dict[Entity, set[int]]:
    """For each entity readers see in the articles `article_ids`, those it appears in."""
    ids = backend().id_list(article_ids)
    rows = [
        (("company", "company__slug", "company__name"),
         Article.companies.through.objects.filter(
             article_id__in=ids, company__in=Company.objects.published())),
        (("country", "country__code", "country__name"),
         Article.countries.through.objects.filter(
             article_id__in=ids, country__in=Country.objects.published())),
        (("speaker", "speaker__slug", "speaker__name"),
         Statement.objects.published().filter(
             article_id__in=ids, speaker__in=Speaker.objects.published())),
    ]
    found = defaultdict(set)
    for (kind, key, name), queryset in rows:
        for article_id, entity_key, entity_name in queryset.values_list("article_id", key, name):
            found[Entity(kind, entity_key, entity_name)].add(article_id)
    return found


def co_mentions(centre, articles, size: int = NETWORK_SIZE) -> CoMentions | None:
    """The network around `centre` (a company, country or speaker) in its `articles`;
    None when nobody appears with it."""
    sample = newest_ids(articles)
    found = appearances(sample)
    middle = entity_of(centre)
    found[middle] = set(sample)
    others = sorted((entity for entity in found if entity != middle),
                    key=lambda entity: (-len(found[entity]), entity.name, entity))[:size]
    if not others:
        return None
    nodes = [middle, *others]
    links = [
        (one, other, shared)
        for one, other in combinations(range(len(nodes)), 2)
        if (shared := len(found[nodes[one]] & found[nodes[other]]))
    ]
    return CoMentions(nodes, [len(found[node]) for node in nodes], links)
