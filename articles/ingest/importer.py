"""Records in, articles saved: each in its own transaction, deduplicated, with suggestions.

An article that cannot be saved is reported and the others go on. Extraction proposes
statements, speakers and organisations; they are saved unreviewed, for an editor.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.extraction import (
    Gazetteer,
    KnownCountry,
    KnownOrganization,
    KnownPerson,
    KnownSector,
    extract,
)
from articles.folding import fold
from articles.ingest.readers import ArticleRecord, Problem
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
from articles.search.indexing import deferred_indexing, schedule

TITLE_LIMIT = Article._meta.get_field("title").max_length


@dataclass
class ImportOptions:
    source: Source | None = None
    default_published: date | None = None
    status: str = Article.Status.DRAFT
    extract: bool = True
    dry_run: bool = False
    update: bool = False


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.failed} failed")


class Skip(Exception):
    """A record that cannot become an article, with the reason for the reader."""


def gazetteer_from_database() -> Gazetteer:
    sectors = []
    for sector in Sector.objects.select_related("parent"):
        top = sector.parent.name if sector.parent else sector.name
        sectors.append(KnownSector(sector.name, top, tuple(sector.keywords)))
    return Gazetteer(
        organizations=[KnownOrganization(name, tuple(aliases or ()))
                       for name, aliases in Company.objects.values_list("name", "aliases")],
        people=[KnownPerson(name, tuple(aliases or ()))
                for name, aliases in Speaker.objects.values_list("name", "aliases")],
        countries=[KnownCountry(code, (name, *(aliases or [])), tuple(demonyms or []))
                   for code, name, aliases, demonyms in
                   Country.objects.values_list("code", "name", "aliases", "demonyms")],
        sectors=sectors,
    )


class Importer:
    def __init__(self, options: ImportOptions):
        self.options = options
        self.summary = ImportSummary()
        self.gazetteer = gazetteer_from_database() if options.extract else None
        self.sectors_by_name = {fold(s.name): s for s in Sector.objects.all()}
        # Entities already looked up or created, so that each is fetched once per import.
        # What an article's transaction creates joins them only once it has committed.
        self.known: dict[tuple, object] = {}
        self.created_in_transaction: dict[tuple, object] = {}

    def run(self, items: Iterable[ArticleRecord | Problem], progress=None) -> ImportSummary:
        with deferred_indexing():
            for item in items:
                if isinstance(item, Problem):
                    self.fail(item)
                else:
                    self.summary.notes.extend(item.notes)
                    self.save(item)
                if progress:
                    progress()
        return self.summary

    def fail(self, problem: Problem) -> None:
        self.summary.failed += 1
        self.summary.problems.append(problem)

    def save(self, record: ArticleRecord) -> None:
        self.created_in_transaction = {}
        try:
            with transaction.atomic():
                outcome, article = self.save_record(record)
                if self.options.dry_run:
                    transaction.set_rollback(True)
        except Skip as reason:
            self.fail(Problem(record.origin, str(reason)))
            return
        except IntegrityError as error:
            self.fail(Problem(record.origin, f"could not be saved ({error})"))
            return
        if not self.options.dry_run:
            self.known.update(self.created_in_transaction)
        setattr(self.summary, outcome, getattr(self.summary, outcome) + 1)
        if outcome != "unchanged":
            self.summary.articles.append(article)

    def save_record(self, record: ArticleRecord) -> tuple[str, Article]:
        if len(record.title) > TITLE_LIMIT:
            raise Skip(f"title longer than {TITLE_LIMIT} characters")
        existing = self.existing(record)
        if existing and not self.options.update:
            return "unchanged", existing
        published = record.published or self.options.default_published
        if published is None:
            published = timezone.localdate()
            self.summary.notes.append(
                f"{record.origin}: no publication date; today's date was used (see --published)."
            )
        article = existing or Article()
        article.title, article.body = record.title, record.body
        article.summary = record.summary or article.summary
        article.url = record.url or article.url
        article.byline = record.byline or article.byline
        article.published_on = published
        article.source = self.source(record) or article.source
        if not existing:
            article.status = record.status if record.status in Article.Status.values \
                else self.options.status
        # One history entry for the whole import, written once the links are set, rather
        # than one per field and per link.
        article.skip_history_when_saving = True
        article.save()
        if record.statements is not None:
            self.link_recorded(article, record)
        elif self.options.extract:
            self.link_extracted(article, is_new=existing is None)
        del article.skip_history_when_saving
        article._change_reason = f"imported from {record.origin}"[:100]
        article.save(update_fields=["updated_at"])
        return ("updated" if existing else "created"), article

    def existing(self, record: ArticleRecord) -> Article | None:
        if record.url:
            match = Article.objects.filter(url=record.url).first()
            if match:
                return match
        return Article.objects.filter(content_hash=content_hash(record.title, record.body)).first()

    def source(self, record: ArticleRecord) -> Source | None:
        if self.options.source:
            return self.options.source
        if not record.source:
            return None
        source = Source.objects.filter(name=record.source).first()
        return source or Source.objects.get_or_create(
            slug=slugify(record.source)[:200] or "source", defaults={"name": record.source}
        )[0]

    # --- relations -------------------------------------------------------------------------

    def company(self, name: str, aliases=(), **fields) -> Company:
        """The company with this name or alias, or a new unreviewed one."""
        for candidate in (name, *aliases):
            known = self.gazetteer.organization(candidate) if self.gazetteer else None
            if known:
                name = known.name
                break
        company = self.lookup(("company", name), lambda: Company.objects.filter(name=name).first())
        if company is None:
            company = Company.objects.create(
                name=name, aliases=list(aliases), is_reviewed=False, **fields
            )
            self.created_in_transaction[("company", name)] = company
            if self.gazetteer:
                self.gazetteer.add_organization(KnownOrganization(name, tuple(aliases)))
        else:
            new = [a for a in aliases if fold(a) not in {fold(x) for x in
                                                        (company.name, *company.aliases)}]
            if new:
                company.aliases = [*company.aliases, *new]
                company.save(update_fields=["aliases"])
        return company

    def lookup(self, key: tuple, fetch):
        """An entity from this import's memory, or from the database (then remembered)."""
        if key in self.created_in_transaction:
            return self.created_in_transaction[key]
        if key not in self.known:
            found = fetch()
            if found is None:
                return None
            self.known[key] = found
        return self.known[key]

    def speaker(self, name: str, aliases=()) -> Speaker:
        known = self.gazetteer.person(name) if self.gazetteer else None
        if known:
            name = known.name
        speaker = self.lookup(("speaker", name), lambda: Speaker.objects.filter(name=name).first())
        if speaker is None:
            speaker = Speaker.objects.create(name=name, aliases=list(aliases), is_reviewed=False)
            self.created_in_transaction[("speaker", name)] = speaker
            if self.gazetteer:
                self.gazetteer.add_person(KnownPerson(name, tuple(aliases)))
        return speaker

    def note_role(self, speaker: Speaker, title: str, organization: Company | None, day: date):
        if not title:
            return
        key = ("role", speaker.pk, title.casefold(), organization.pk if organization else None)
        role = self.lookup(key, lambda: SpeakerRole.objects.filter(
            speaker=speaker, title__iexact=title, organization=organization).first())
        if role is None:
            self.created_in_transaction[key] = SpeakerRole.objects.create(
                speaker=speaker, title=title, organization=organization,
                first_seen=day, last_seen=day)
            return
        changed = False
        if role.first_seen is None or day < role.first_seen:
            role.first_seen, changed = day, True
        if role.last_seen is None or day > role.last_seen:
            role.last_seen, changed = day, True
        if changed:
            role.save()

    def link_extracted(self, article: Article, is_new: bool) -> None:
        found = extract(article.title, article.body, self.gazetteer)
        companies = {o.name: self.company(o.name, o.aliases) for o in found.organizations}
        sectors = self.most_specific([self.sectors_by_name[fold(name)]
                                      for name in found.subsectors
                                      if fold(name) in self.sectors_by_name])
        if is_new:
            # Nothing to compare with or remove: add, and skip set()'s reading first.
            article.countries.add(*found.countries)
            article.companies.add(*companies.values())
            article.sectors.add(*sectors)
        else:
            article.statements.filter(is_reviewed=False).delete()
            article.countries.set(found.countries)
            article.companies.set(companies.values())
            article.sectors.set(sectors)
        speakers = {}
        for person in {id(q.speaker): q.speaker for q in found.quotes if q.speaker}.values():
            speaker = self.speaker(person.name)
            organization = companies.get(person.organization) or (
                self.company(person.organization) if person.organization else None)
            self.note_role(speaker, person.title, organization, article.published_on)
            speakers[id(person)] = (speaker, person.title, organization)
        start = 0 if is_new else article.statements.count()
        statements = Statement.objects.bulk_create(
            Statement(article=article, text=quote.text, position=start + position,
                      speaker=speakers[id(quote.speaker)][0] if quote.speaker else None,
                      speaker_title=speakers[id(quote.speaker)][1] if quote.speaker else "",
                      speaker_organization=speakers[id(quote.speaker)][2] if quote.speaker
                      else None,
                      is_reviewed=False)
            for position, quote in enumerate(found.quotes, start=1)
        )
        # bulk_create sends no signals: tell the search index about the new statements.
        schedule(Statement, [statement.pk for statement in statements])
        schedule(Article, [article.pk])

    @staticmethod
    def most_specific(sectors: list[Sector]) -> list[Sector]:
        """A subsector found makes its parent redundant: filters include subsectors."""
        parents = {s.parent_id for s in sectors if s.parent_id}
        return [s for s in sectors if s.pk not in parents]

    def link_recorded(self, article: Article, record: ArticleRecord) -> None:
        """Relations given by the file itself, as written by export_articles."""
        article.countries.set(Country.objects.filter(code__in=[c.upper() for c in
                                                               record.countries or []]))
        companies = []
        for item in record.companies or []:
            item = item if isinstance(item, dict) else {"name": str(item)}
            country = Country.objects.filter(code=str(item.get("country") or "").upper()).first()
            companies.append(self.company(item["name"], item.get("aliases") or [],
                                          kind=item.get("kind") or Company.Kind.COMPANY,
                                          country=country))
        article.companies.set(companies)
        article.sectors.set(Sector.objects.filter(slug__in=record.sectors or []))
        article.statements.all().delete()
        for position, item in enumerate(record.statements or [], start=1):
            speaker = self.speaker(item["speaker"]) if item.get("speaker") else None
            organization = self.company(item["organization"]) if item.get("organization") \
                else None
            Statement.objects.create(
                article=article, speaker=speaker, text=item["text"],
                speaker_title=item.get("speaker_title", ""), speaker_organization=organization,
                kind=item.get("kind", Statement.Kind.DIRECT),
                position=item.get("position", position),
                is_reviewed=item.get("reviewed", True),
            )
