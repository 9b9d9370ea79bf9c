"""The text each database indexes for an article or a statement.

An article is found by its own words and by the names and aliases of what it is linked
to (companies, quoted speakers, countries with their demonyms, sectors), so that "UEC"
finds an article that only prints "United Engine Corporation". Only names readers may see
are indexed: searching for an unreviewed suggestion's name finds nothing through it.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from articles.models import Article, Company, Statement, alias_list

BATCH_SIZE = 500


@dataclass(frozen=True)
class ArticleDocument:
    id: int
    title: str
    summary: str
    body: str
    entities: str


@dataclass(frozen=True)
class StatementDocument:
    id: int
    text: str
    people: str


def names(entity) -> list[str]:
    if entity is None:
        return []
    extra = alias_list(getattr(entity, "demonyms", None))
    return [entity.name, *alias_list(entity.aliases), *extra]


def entities_text(countries, companies, sectors, speakers) -> str:
    """The names an article is also found by: its links' names and aliases, its speakers'."""
    entities = []
    for related in (*countries, *companies):
        entities.extend(names(related))
    entities.extend(sector.name for sector in sectors)
    for speaker in sorted(set(speakers), key=lambda s: s.pk):
        entities.extend(names(speaker))
    return " · ".join(entities)


def people_text(speaker, title: str, organization) -> str:
    """Who said a statement, as it is found: the speaker's names, title, organisation."""
    return " · ".join(filter(None, [*names(speaker), title, *names(organization)]))


def batched(ids: Iterable[int]) -> Iterator[list[int]]:
    ids = sorted(set(ids))
    for start in range(0, len(ids), BATCH_SIZE):
        yield ids[start:start + BATCH_SIZE]


@dataclass(frozen=True)
class Named:
    """What an entry needs of a linked entity, read as a row: no model instance, and none
    of the per-article querysets prefetching builds (they cost more than the index).
    The same entity twice is one: it compares by its key alone."""
    pk: int | str
    name: str = field(compare=False)
    aliases: list | None = field(default=None, compare=False)
    demonyms: list | None = field(default=None, compare=False)


def linked(relation: str, batch: list[int], *fields: str, entities=None) -> dict[int, list]:
    """Each article's entities through one of its links, in the entities' order."""
    through = Article._meta.get_field(relation).remote_field.through
    target = Article._meta.get_field(relation).m2m_reverse_field_name()
    links = through.objects.filter(article_id__in=batch)
    if entities is not None:
        links = links.filter(**{f"{target}__in": entities})
    found = {}
    for article_id, *values in links.order_by(f"{target}__name", target).values_list(
            "article_id", target, *(f"{target}__{name}" for name in fields)):
        found.setdefault(article_id, []).append(Named(*values))
    return found


def article_documents(ids: Iterable[int]) -> Iterator[ArticleDocument]:
    for batch in batched(ids):
        countries = linked("countries", batch, "name", "aliases", "demonyms")
        companies = linked("companies", batch, "name", "aliases",
                           entities=Company.objects.published())
        sectors = linked("sectors", batch, "name")
        speakers = {}
        for article_id, *speaker in Statement.objects.published().filter(
                article_id__in=batch, speaker__isnull=False).values_list(
                "article_id", "speaker_id", "speaker__name", "speaker__aliases"):
            speakers.setdefault(article_id, []).append(Named(*speaker))
        for pk, title, summary, body in Article.objects.filter(pk__in=batch).order_by(
                "pk").values_list("pk", "title", "summary", "body"):
            entities = entities_text(countries.get(pk, ()), companies.get(pk, ()),
                                     sectors.get(pk, ()), speakers.get(pk, ()))
            yield ArticleDocument(pk, title, summary, body, entities)


def statement_documents(ids: Iterable[int]) -> Iterator[StatementDocument]:
    for batch in batched(ids):
        statements = Statement.objects.filter(pk__in=batch).select_related(
            "speaker", "speaker_organization"
        ).only(
            "id", "text", "speaker_title", "speaker__name", "speaker__aliases",
            "speaker_organization__name", "speaker_organization__aliases",
        )
        for statement in statements:
            people = people_text(statement.speaker, statement.speaker_title,
                                 statement.speaker_organization)
            yield StatementDocument(statement.pk, statement.text, people)

