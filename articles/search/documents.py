"""The text each database indexes for an article or a statement.

An article is found by its own words and by the names and aliases of what it is linked
to (companies, quoted speakers, countries with their demonyms, sectors), so that "UEC"
finds an article that only prints "United Engine Corporation". Only names readers may see
are indexed: searching for an unreviewed suggestion's name finds nothing through it.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Prefetch

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


def article_documents(ids: Iterable[int]) -> Iterator[ArticleDocument]:
    for batch in batched(ids):
        articles = Article.objects.filter(pk__in=batch).prefetch_related(
            "countries",
            Prefetch("companies", queryset=Company.objects.published().only("name", "aliases")),
            "sectors",
            Prefetch(
                "statements",
                queryset=Statement.objects.published().select_related("speaker").only(
                    "article_id", "speaker__name", "speaker__aliases"
                ),
            ),
        ).only("id", "title", "summary", "body")
        for article in articles:
            entities = entities_text(
                article.countries.all(), article.companies.all(), article.sectors.all(),
                [s.speaker for s in article.statements.all() if s.speaker_id],
            )
            yield ArticleDocument(article.pk, article.title, article.summary, article.body,
                                  entities)


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

