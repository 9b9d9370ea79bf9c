"""Records in, articles saved: in batches, deduplicated, with suggestions for review.

Articles are written a batch at a time: one transaction, a handful of bulk queries, the
whole batch with its search index entries or nothing. When anything in a batch fails, its
articles are written again one at a time, each in its own transaction, so a bad article
costs only itself and is reported while the others are saved. Extraction proposes
statements, speakers and organisations; they are saved unreviewed, for an editor.
"""

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from articles.bulk import insert_rows
from articles.extraction import (
    Gazetteer,
    KnownCountry,
    KnownOrganization,
    KnownPerson,
    KnownSector,
)
from articles.folding import fold
from articles.ingest.copies import CopyDetector
from articles.ingest.entities import EntityResolver, SeenRole, WantedCompany
from articles.ingest.extracting import ExtractionAhead
from articles.ingest.readers import ArticleRecord, Problem
from articles.models import (
    Article,
    Company,
    Country,
    Sector,
    Source,
    Speaker,
    Statement,
    content_hash,
    unique_slugs,
)
from articles.search.indexing import deferred_indexing, flush, schedule
from articles.web_urls import is_web_url

# What a record may hold, as the reader is told when it holds more.
LENGTH_LIMITS = {label: (name, Article._meta.get_field(name).max_length)
                 for label, name in (("title", "title"), ("URL", "url"), ("byline", "byline"))}
# Large enough that per-query costs vanish, small enough that a failed batch retried one
# article at a time stays quick.
BATCH_SIZE = 100
LINKS = ("countries", "companies", "sectors")


@dataclass
class ImportOptions:
    source: Source | None = None
    default_published: date | None = None
    status: str = Article.Status.DRAFT
    extract: bool = True
    dry_run: bool = False
    update: bool = False
    # What a file says of its own review (status, reviewed statements) is a suggestion an
    # editor decides on, unless the file is one of our own exports coming back.
    trust_file_status: bool = False
    # Re-extraction adds the links it finds to those an article has, which an editor may
    # have made; an import's own proposal replaces them.
    keep_links: bool = False
    # Processes extracting the next batches while this one writes (extracting.py); None
    # for one per spare core.
    extraction_workers: int | None = None


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


@dataclass
class PlannedStatement:
    text: str
    speaker: str = ""
    title: str = ""
    organization: WantedCompany | None = None
    kind: str = Statement.Kind.DIRECT
    position: int | None = None
    reviewed: bool = False
    proposed_by: str = ""  # the extraction rule, for the review page and its quality figures
    confidence: float | None = None


@dataclass
class Proposal:
    """What an article is about and who it quotes, from extraction or from the file."""
    countries: list[str]
    companies: list[WantedCompany]
    sectors: list[Sector]
    statements: list[PlannedStatement]
    # Extraction's suggestions replace the unreviewed ones; a file's statements replace all.
    replaces_reviewed: bool = False


@dataclass
class Pending:
    record: ArticleRecord
    article: Article
    is_new: bool
    proposal: Proposal | None = None
    keys: frozenset = frozenset()  # the URL and text that make it the same article


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
        self.ahead = ExtractionAhead(
            self.gazetteer, workers=options.extraction_workers if options.extract else 0)
        self.entities = EntityResolver(self.gazetteer)
        self.copies = CopyDetector()
        sectors = list(Sector.objects.all())
        self.sectors_by_name = {fold(s.name): s for s in sectors}
        self.sectors_by_slug = {s.slug: s for s in sectors}
        self.country_codes = set(Country.objects.values_list("code", flat=True))
        # What a dry run would have saved, so that a later copy counts as a real run counts it.
        self.saved_in_dry_run: set[tuple] = set()

    def run(self, items: Iterable[ArticleRecord | Problem],
            progress: Callable[[int], object] | None = None) -> ImportSummary:
        """Import everything; `progress(n)` after every n items dealt with."""
        progress = progress or (lambda count: None)
        with deferred_indexing(), self.ahead:
            # Batches read, their extraction under way in the workers, not yet saved.
            waiting = deque()
            for batch in self.batches(items, progress):
                if waiting:  # more than one batch: worth extracting ahead
                    self.ahead.submit([r for r in batch if r.statements is None])
                waiting.append(batch)
                if len(waiting) > self.ahead.depth:
                    self.save_read_batch(waiting.popleft(), progress)
            while waiting:
                self.save_read_batch(waiting.popleft(), progress)
        return self.summary

    def batches(self, items: Iterable[ArticleRecord | Problem],
                progress: Callable[[int], object]) -> Iterator[list[ArticleRecord]]:
        """The records in batches of BATCH_SIZE; a problem reading an item is reported as
        it comes."""
        batch = []
        for item in items:
            if isinstance(item, Problem):
                self.fail(item)
                progress(1)
                continue
            self.summary.notes.extend(item.notes)
            batch.append(item)
            if len(batch) == BATCH_SIZE:
                yield batch
                batch = []
        if batch:
            yield batch

    def save_read_batch(self, batch: list[ArticleRecord],
                        progress: Callable[[int], object]) -> None:
        self.save_batch(batch)
        self.ahead.forget(batch)
        progress(len(batch))

    def fail(self, problem: Problem) -> None:
        self.summary.failed += 1
        self.summary.problems.append(problem)

    def save_batch(self, records: list[ArticleRecord]) -> None:
        pending, repeated = self.sort_out(records)
        if pending:
            try:
                with transaction.atomic():
                    self.write(pending)
                    if self.options.dry_run:
                        transaction.set_rollback(True)
            # A batch that fails is tried again an article at a time: an error the database
            # or a value's conversion raises belongs to one of them, to be reported alone.
            except (DatabaseError, ValueError, TypeError, OverflowError) as error:
                self.entities.rolled_back()
                if len(pending) == 1:
                    self.fail(Problem(pending[0].record.origin, f"could not be saved ({error})"))
                else:
                    for item in pending:
                        self.save_batch([item.record])
            else:
                if self.options.dry_run:
                    self.entities.rolled_back()
                    self.saved_in_dry_run.update(key for item in pending for key in item.keys)
                else:
                    self.entities.committed()
                for item in pending:
                    if item.is_new:
                        self.summary.created += 1
                    else:
                        self.summary.updated += 1
                    self.summary.articles.append(item.article)
        if repeated:
            # Each after the copy it repeats has been saved, so it finds that one.
            self.save_batch(repeated)

    def sort_out(self, records: list[ArticleRecord]) -> tuple[list[Pending], list[ArticleRecord]]:
        """The records to write, with the article each updates, if any; and the records that
        repeat an earlier one of the same batch (same URL or same text)."""
        digests = [content_hash(record.title, record.body) for record in records]
        urls = {record.url for record in records if record.url}
        by_url, by_digest = {}, {}
        for article in Article.objects.filter(Q(url__in=urls) | Q(content_hash__in=digests)):
            by_url[article.url] = by_digest[article.content_hash] = article
        pending, repeated, seen = [], [], set()
        for record, digest in zip(records, digests, strict=True):
            too_long = [f"{label} longer than {limit} characters"
                        for label, (name, limit) in LENGTH_LIMITS.items()
                        if len(getattr(record, name)) > limit]
            if too_long:
                self.fail(Problem(record.origin, "; ".join(too_long)))
                continue
            if record.url and not is_web_url(record.url):
                # Bulk inserts skip the model's validators; the database would refuse it too.
                self.fail(Problem(record.origin, f"its URL “{record.url[:80]}” is not a web "
                                                 "address (only http:// and https:// are kept)"))
                continue
            keys = {("digest", digest)} | ({("url", record.url)} if record.url else set())
            if keys & seen:
                repeated.append(record)
                continue
            seen |= keys
            existing = (by_url.get(record.url) if record.url else None) or by_digest.get(digest)
            if keys & self.saved_in_dry_run:
                if self.options.update:
                    self.summary.updated += 1
                else:
                    self.summary.unchanged += 1
                continue
            if existing and not self.options.update:
                self.summary.unchanged += 1
                continue
            try:
                proposal = self.proposal(record)
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                self.fail(Problem(record.origin, f"its companies or statements are not in the "
                                                 f"form export_articles writes ({error!r})"))
                continue
            pending.append(Pending(record, self.filled(existing or Article(), record, digest),
                                   is_new=existing is None, proposal=proposal,
                                   keys=frozenset(keys)))
        return pending, repeated

    def filled(self, article: Article, record: ArticleRecord, digest: str) -> Article:
        published = record.published or self.options.default_published
        if published is None:
            published = timezone.localdate()
            self.summary.notes.append(
                f"{record.origin}: no publication date; today's date was used (see --published)."
            )
        is_new = article.pk is None
        article.title, article.body = record.title, record.body
        article.content_hash = digest
        article.summary = record.summary or article.summary
        article.url = record.url or article.url
        article.byline = record.byline or article.byline
        article.published_on = published
        if is_new:
            trusted = self.options.trust_file_status and record.status in Article.Status.values
            article.status = record.status if trusted else self.options.status
        # The history entry is written once the links are in place, with this reason.
        article._change_reason = f"imported from {record.origin}"[:100]
        return article

    # --- writing a batch -------------------------------------------------------------------

    def write(self, pending: list[Pending]) -> None:
        for item in pending:
            item.article.source = self.source(item.record) or item.article.source
        new = [item.article for item in pending if item.is_new]
        for article, slug in zip(new, unique_slugs(Article, [a.title for a in new]), strict=True):
            article.slug = slug
        Article.objects.bulk_create(new)
        for item in pending:
            if not item.is_new:
                item.article.skip_history_when_saving = True
                item.article.save()
                del item.article.skip_history_when_saving
        # The near-duplicate check: a syndicated copy joins the story of what it copies.
        self.copies.place([item.article for item in pending])
        self.clear_replaced(pending)
        statements = self.link([item for item in pending if item.proposal])
        self.record_history(pending)
        # Bulk inserts send no signals: tell the search index what changed, and write it in
        # this batch's transaction, so that a run killed later leaves nothing unsearchable.
        schedule(Article, [item.article.pk for item in pending])
        schedule(Statement, [statement.pk for statement in statements])
        flush()

    def source(self, record: ArticleRecord) -> Source | None:
        if self.options.source:
            return self.options.source
        return self.entities.source(record.source) if record.source else None

    def proposal(self, record: ArticleRecord) -> Proposal | None:
        if record.statements is not None:
            return self.recorded(record)
        if self.options.extract:
            return self.extracted(record)
        return None

    def extracted(self, record: ArticleRecord) -> Proposal | None:
        try:
            found = self.ahead.of(record)
        except Exception as error:
            # A fault in a rule must not cost the article: it is saved without suggestions.
            self.summary.notes.append(f"{record.origin}: extraction failed ({error!r}); "
                                      "saved without suggestions.")
            return None
        sectors = [self.sectors_by_name[fold(name)] for name in found.subsectors
                   if fold(name) in self.sectors_by_name]
        return Proposal(
            countries=list(found.countries),
            companies=[WantedCompany(o.name, tuple(o.aliases), kind=o.kind)
                       for o in found.organizations],
            sectors=most_specific(sectors),
            statements=[
                PlannedStatement(
                    text=quote.text,
                    speaker=quote.speaker.name if quote.speaker else "",
                    title=quote.speaker.title if quote.speaker else "",
                    organization=WantedCompany(quote.speaker.organization)
                    if quote.speaker and quote.speaker.organization else None,
                    proposed_by=quote.sieve,
                    confidence=quote.confidence,
                )
                for quote in found.quotes
            ],
        )

    def recorded(self, record: ArticleRecord) -> Proposal:
        """Relations given by the file itself, as written by export_articles."""
        companies = []
        for item in record.companies or []:
            item = item if isinstance(item, dict) else {"name": str(item)}
            country = str(item.get("country") or "").upper()
            companies.append(WantedCompany(
                item["name"], tuple(item.get("aliases") or ()),
                kind=item.get("kind") or Company.Kind.COMPANY,
                country_id=country if country in self.country_codes else None))
        return Proposal(
            countries=[code for code in (c.upper() for c in record.countries or [])
                       if code in self.country_codes],
            companies=companies,
            sectors=[self.sectors_by_slug[slug] for slug in record.sectors or []
                     if slug in self.sectors_by_slug],
            statements=[
                PlannedStatement(
                    text=str(item["text"]), speaker=str(item.get("speaker") or ""),
                    title=str(item.get("speaker_title") or ""),
                    organization=WantedCompany(str(item["organization"]))
                    if item.get("organization") else None,
                    kind=Statement.Kind(item.get("kind", Statement.Kind.DIRECT)),
                    position=int(item.get("position", position)),
                    reviewed=self.options.trust_file_status and item.get("reviewed") is True,
                )
                for position, item in enumerate(record.statements, start=1)
            ],
            replaces_reviewed=True,
        )

    def clear_replaced(self, pending: list[Pending]) -> None:
        """Links and suggestions of updated articles give way to the new proposal's."""
        updated = [item for item in pending if not item.is_new and item.proposal]
        if not updated:
            return
        for name in () if self.options.keep_links else LINKS:
            getattr(Article, name).through.objects.filter(
                article_id__in=[item.article.pk for item in updated]).delete()
        replaced = Q(article_id__in=[i.article.pk for i in updated if i.proposal.replaces_reviewed])
        unreviewed = Q(article_id__in=[i.article.pk for i in updated
                                       if not i.proposal.replaces_reviewed], is_reviewed=False)
        Statement.objects.filter(replaced | unreviewed).delete()

    def link(self, pending: list[Pending]) -> list[Statement]:
        if not pending:
            return []
        planned = [statement for item in pending for statement in item.proposal.statements]
        companies = self.entities.companies(
            [*(c for item in pending for c in item.proposal.companies),
             *(s.organization for s in planned if s.organization)])
        speakers = self.entities.speakers([s.speaker for s in planned if s.speaker])
        self.entities.note_roles([
            SeenRole(speakers[s.speaker], s.title,
                     companies[s.organization.name] if s.organization else None,
                     item.article.published_on)
            for item in pending if not item.proposal.replaces_reviewed
            for s in item.proposal.statements if s.speaker and s.title
        ])
        links = {
            "countries": [(item.article, code) for item in pending
                          for code in item.proposal.countries],
            "companies": [(item.article, companies[c.name].pk) for item in pending
                          for c in item.proposal.companies],
            "sectors": [(item.article, sector.pk) for item in pending
                        for sector in item.proposal.sectors],
        }
        for name, pairs in links.items():
            field = getattr(Article, name).field
            insert_rows(field.remote_field.through,
                        [field.m2m_column_name(), field.m2m_reverse_name()],
                        list(dict.fromkeys((a.pk, pk) for a, pk in pairs)),
                        skip_existing=self.options.keep_links)
        # The statements an update leaves in place: new ones follow them, and an editor's
        # reviewed statement is not proposed again as a suggestion.
        kept_texts, last_position = {}, {}
        for article_id, position, text in Statement.objects.filter(
                article_id__in=[i.article.pk for i in pending if not i.is_new]
        ).values_list("article_id", "position", "text"):
            kept_texts.setdefault(article_id, set()).add(text)
            last_position[article_id] = max(last_position.get(article_id, 0), position)
        statements = []
        for item in pending:
            start = last_position.get(item.article.pk, 0)
            kept = kept_texts.get(item.article.pk, set())
            fresh = [s for s in item.proposal.statements if s.text not in kept]
            for number, planned in enumerate(fresh, start=start + 1):
                statements.append(Statement(
                    article=item.article, text=planned.text,
                    speaker=speakers[planned.speaker] if planned.speaker else None,
                    speaker_title=planned.title,
                    speaker_organization=companies[planned.organization.name]
                    if planned.organization else None,
                    kind=planned.kind, position=planned.position or number,
                    is_reviewed=planned.reviewed,
                    proposed_by=planned.proposed_by, confidence=planned.confidence,
                ))
        return bulk_create_with_history(statements, Statement)

    @staticmethod
    def record_history(pending: list[Pending]) -> None:
        """One history entry per article and import, with its links as they now are."""
        manager = Article.history
        entries = [
            *manager.bulk_history_create([i.article for i in pending if i.is_new]),
            *manager.bulk_history_create([i.article for i in pending if not i.is_new],
                                         update=True),
        ]
        if not entries:
            return
        history_ids = [entry.pk for entry in entries]
        quote = connection.ops.quote_name
        entry_id, article_id = quote("history_id"), quote("id")
        placeholders = ", ".join(["%s"] * len(history_ids))
        with connection.cursor() as cursor:
            for name in LINKS:
                through = getattr(Article, name).through
                columns = [quote(f.column) for f in through._meta.fields]
                copies = quote(getattr(manager.model, name).model._meta.db_table)
                links = quote(through._meta.db_table)
                # Copied inside the database, INSERT ... SELECT: building a model instance
                # for every link and its copy cost more than the rest of the history.
                # Table and column names come from the models; values are parameters.
                cursor.execute(
                    f"INSERT INTO {copies} ({', '.join(columns)}, {entry_id}) "  # noqa: S608
                    f"SELECT {', '.join(f'link.{c}' for c in columns)}, entry.{entry_id} "
                    f"FROM {links} link JOIN {quote(manager.model._meta.db_table)} entry "
                    f"ON entry.{article_id} = link.{quote('article_id')} "
                    f"WHERE entry.{entry_id} IN ({placeholders})",
                    history_ids,
                )


def most_specific(sectors: list[Sector]) -> list[Sector]:
    """A subsector found makes its parent redundant: filters include subsectors."""
    parents = {s.parent_id for s in sectors if s.parent_id}
    return [s for s in sectors if s.pk not in parents]
