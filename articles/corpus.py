"""A reproducible synthetic archive for benchmarks (`manage.py generate_corpus`).

Sizes and distributions follow real trade news: 2–6 paragraphs, a few very common
countries and companies and a long tail, a Zipf-like vocabulary in which some words are
in most articles and many are in a handful, 0–4 statements per article, some drafts.
The text is nonsense made of real and invented words; every row is marked as synthetic.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from typing import NamedTuple

from django.db import transaction
from django.utils.text import slugify

from articles import bulk
from articles.models import (
    Article,
    Company,
    Country,
    Sector,
    Source,
    Speaker,
    SpeakerRole,
    Statement,
    content_hash,
)
from articles.search.documents import (
    ArticleDocument,
    StatementDocument,
    entities_text,
    people_text,
)

DOMAIN_WORDS = """
defense energy pipeline gas oil contract deal export import cooperation industry minister
ministry company corporation agreement supply supplies supplier production joint venture
market partner partners partnership investment billion million tender order orders delivery
deliveries tank tanks armored vehicle vehicles missile missiles air system systems frigate
corvette submarine shipyard helicopter aircraft engine engines turbine turbines compressor
station stations nuclear reactor plant power grid electricity railway rail locomotive wagon
wagons infrastructure port terminal liquefied natural crude refinery refining offshore field
drilling exploration license sanctions talks visit summit memorandum understanding technology
transfer localization local content factory assembly maintenance service training program
capacity cubic meters barrels per day annual growth price prices discount payment currency
financing loan bank fund state owned private sector government official officials spokesman
director general chief executive deputy head board chairman president prime said told added
stressed noted according statement interview conference exhibition fair forum delegation
region regional border security alliance members member strategic bilateral trilateral
""".split()

FILLER_WORDS = """
the of and to in a for on with by as at from that this is was were be been will would
could should has have had its their our new also more than over after before during
between within under about into which while where when who not but or so only first
last next year years month week today recently further already still however although
""".split()

SYLLABLES = "ka ro vin tal mer sun dor bel pra vek lin tor sar nel gor zan fir mol dak pen".split()

FIRST_NAMES = """Alexei Maria Ivan Elena Mehmet Ayse Hans Anna Pierre Claire Giorgos Eleni
Nikola Petra Ahmed Leila Oleg Irina Kemal Zeynep Lars Ingrid Tomas Marta Rustam Dana""".split()
LAST_NAMES = """Petrov Smirnova Yilmaz Kaya Muller Schmidt Dubois Martin Papadopoulos Georgiou
Ivanov Novak Hassan Karimova Sokolov Demir Hansen Larsen Kowalski Horvat Aliyev Nurlanov
Popescu Dimitrov Rossi Bianchi Garcia Lopez Jensen Berg""".split()
COMPANY_WORDS = """Aero Naval Energy Power Rail Steel Dynamics Systems Industries Holding
Machine Engine Pipeline Gas Oil Turbine Motor Shipyard Defense Electric""".split()
COMMON_COUNTRIES = ["RU", "TR", "US", "CN", "DE", "FR", "GB", "AZ", "KZ", "IN", "UA", "GR"]
TITLES = ["director", "deputy director general", "chief executive", "minister", "spokesperson",
          "head of exports", "general manager", "chairman", "vice president"]


@dataclass
class CorpusSize:
    articles: int
    companies: int
    speakers: int
    sources: int = 20

    @classmethod
    def for_articles(cls, articles: int) -> "CorpusSize":
        return cls(articles, companies=max(30, articles // 200), speakers=max(60, articles // 50))


def zipf_weights(count: int, exponent: float = 1.1) -> list[float]:
    return list(accumulate(1 / (rank ** exponent) for rank in range(1, count + 1)))


class CorpusWriter:
    """Writes one synthetic archive; the same seed and size always give the same archive."""

    def __init__(self, size: CorpusSize, seed: int):
        self.size = size
        self.seed = seed
        self.random = random.Random(seed)
        invented = sorted({
            "".join(self.random.choice(SYLLABLES) for _ in range(self.random.randint(2, 4)))
            for _ in range(6000)
        })
        self.random.shuffle(invented)
        # Real words first: they take the frequent ranks; invented words make the long tail.
        self.vocabulary = DOMAIN_WORDS + invented
        self.vocabulary_weights = zipf_weights(len(self.vocabulary))

    def words(self, count: int) -> list[str]:
        picked = self.random.choices(self.vocabulary, cum_weights=self.vocabulary_weights, k=count)
        # Every third word a filler, picked in one call (a call a word took some 7 % of a
        # profiled corpus load).
        picked[::3] = self.random.choices(FILLER_WORDS, k=len(range(0, count, 3)))
        return picked

    def sentence(self, low=10, high=24) -> str:
        words = self.words(self.random.randint(low, high))
        return " ".join(words).capitalize() + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.random.randint(2, 5)))

    def entities(self):
        label = f"corpus-{self.seed}"
        countries = list(Country.objects.order_by("code"))
        common = [c for c in countries if c.code in COMMON_COUNTRIES]
        self.countries = common + [c for c in countries if c.code not in COMMON_COUNTRIES]
        self.country_weights = zipf_weights(len(self.countries), 1.3)
        self.sectors = list(Sector.objects.filter(parent__isnull=False).order_by("slug"))
        self.sources = Source.objects.bulk_create(
            Source(name=f"Synthetic source {n} ({label})", slug=f"{label}-source-{n}")
            for n in range(self.size.sources)
        )
        names = set()
        while len(names) < self.size.companies:
            names.add(" ".join(self.random.sample(COMPANY_WORDS, 2)) + f" {len(names)}")
        self.companies = Company.objects.bulk_create(
            Company(name=f"{name} ({label})", slug=slugify(f"{label} {name}"),
                    aliases=[f"C{self.seed}X{n}"],
                    country=self.random.choices(
                        self.countries, cum_weights=self.country_weights)[0])
            for n, name in enumerate(sorted(names))
        )
        self.company_weights = zipf_weights(len(self.companies), 1.2)
        self.speakers = Speaker.objects.bulk_create(
            Speaker(name=f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)} "
                         f"{n}", slug=f"{label}-speaker-{n}")
            for n in range(self.size.speakers)
        )
        self.speaker_weights = zipf_weights(len(self.speakers), 1.0)
        self.organization_of = {}
        roles = []
        for speaker in self.speakers:
            company = self.random.choices(self.companies, cum_weights=self.company_weights)[0]
            self.organization_of[speaker.pk] = company
            roles.append(SpeakerRole(speaker=speaker, organization=company,
                                     title=self.random.choice(TITLES)))
        SpeakerRole.objects.bulk_create(roles)

    def pick(self, population, weights, low, high):
        count = self.random.randint(low, high)
        return list({id(x): x for x in self.random.choices(population, cum_weights=weights,
                                                            k=count)}.values())

    def article_batch(self, start: int, count: int) -> "CorpusBatch":
        """Articles start..start+count with their links and statements, not yet saved."""
        label = f"corpus-{self.seed}"
        first_day = date(2015, 1, 1)
        batch = CorpusBatch()
        for number in range(start, start + count):
            title = self.sentence(6, 12).rstrip(".")
            body = "\n\n".join(self.paragraph() for _ in range(self.random.randint(2, 6)))
            article = len(batch.articles)  # the links' reference until the batch has ids
            batch.articles.append(ArticleRow(
                title=title, slug=f"{label}-{number}", body=body,
                summary=self.sentence(15, 30),
                published_on=(first_day + timedelta(days=self.random.randint(0, 3800))
                              ).isoformat(),
                status=(Article.Status.DRAFT if self.random.random() < 0.05
                        else Article.Status.PUBLISHED).value,
                source_id=self.random.choice(self.sources).pk,
                byline=f"Synthetic corpus (seed {self.seed})",
                content_hash=content_hash(f"{label}-{number} {title}", body),
            ))
            countries = self.pick(self.countries, self.country_weights, 1, 4)
            companies = self.pick(self.companies, self.company_weights, 0, 3)
            sectors = self.random.sample(self.sectors, self.random.randint(1, 2))
            batch.country_links += [(article, c.pk) for c in countries]
            batch.company_links += [(article, c.pk) for c in companies]
            batch.sector_links += [(article, s.pk) for s in sectors]
            speakers = []
            for position in range(self.random.randint(0, 4)):
                speaker = self.random.choices(self.speakers, cum_weights=self.speaker_weights)[0]
                speakers.append(speaker)
                title = self.random.choice(TITLES)
                organization = self.organization_of[speaker.pk]
                batch.statements.append(StatementRow(
                    article=article, speaker_id=speaker.pk, position=position + 1,
                    text=self.sentence(12, 40), speaker_title=title,
                    speaker_organization_id=organization.pk,
                ))
                batch.people.append(people_text(speaker, title, organization))
            batch.entities.append(entities_text(countries, companies, sectors, speakers))
        return batch


class ArticleRow(NamedTuple):
    title: str
    slug: str
    body: str
    summary: str
    published_on: str
    status: str
    source_id: int
    byline: str
    content_hash: str


class StatementRow(NamedTuple):
    article: int  # the article's place in its batch
    speaker_id: int
    position: int
    text: str
    speaker_title: str
    speaker_organization_id: int


@dataclass
class CorpusBatch:
    """One batch of generated rows, and the text the search index gets for them. Links and
    statements name their article by its place in the batch: ids are reserved only when
    the batch is saved, in the transaction that writes it."""

    articles: list[ArticleRow] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    country_links: list[tuple[int, str]] = field(default_factory=list)
    company_links: list[tuple[int, int]] = field(default_factory=list)
    sector_links: list[tuple[int, int]] = field(default_factory=list)
    statements: list[StatementRow] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    statement_ids: list[int] = field(default_factory=list)

    def save(self) -> None:
        with transaction.atomic():
            bulk.commit_without_waiting_for_disk()
            self.article_ids = ids = bulk.reserve_ids(Article, len(self.articles))
            bulk.Table(Article, ArticleRow._fields).write(
                (pk, *row) for pk, row in zip(ids, self.articles, strict=True))
            for through, entity, links in (
                (Article.countries.through, "country", self.country_links),
                (Article.companies.through, "company", self.company_links),
                (Article.sectors.through, "sector", self.sector_links),
            ):
                bulk.Table(through, ["article", entity], with_ids=False).write(
                    (ids[article], other) for article, other in links)
            self.statement_ids = bulk.reserve_ids(Statement, len(self.statements))
            bulk.Table(Statement, ["article", *StatementRow._fields[1:]]).write(
                (pk, ids[row.article], *row[1:])
                for pk, row in zip(self.statement_ids, self.statements, strict=True))

    def article_documents(self) -> list[ArticleDocument]:
        return [ArticleDocument(pk, a.title, a.summary, a.body, entities)
                for pk, a, entities in zip(self.article_ids, self.articles, self.entities,
                                           strict=True)]

    def statement_documents(self) -> list[StatementDocument]:
        return [StatementDocument(pk, s.text, people)
                for pk, s, people in zip(self.statement_ids, self.statements, self.people,
                                         strict=True)]
