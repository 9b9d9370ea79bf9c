from concurrent.futures import Future, ThreadPoolExecutor

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from tqdm import tqdm

from articles.bulk import analyze, secondary_indexes_set_aside, without_query_log
from articles.corpus import CorpusBatch, CorpusSize, CorpusWriter
from articles.models import Article, CountryListing, SectorListing, Source, Statement
from articles.search import backend


def loaded_tables() -> list[str]:
    """The tables a corpus fills, whose plain indexes are built once after the load."""
    links = [Article.countries.through, Article.companies.through, Article.sectors.through]
    listings = [CountryListing, SectorListing]  # filled by the links' triggers
    search = backend()
    return [model._meta.db_table for model in [Article, Statement, *links, *listings]] + [
        search.article_table, search.statement_table]


def store(batch: CorpusBatch) -> int:
    """Save a batch and index it (bulk writes send no signals); returns its statements."""
    batch.save()
    search = backend()
    search.write_articles(batch.article_documents())
    search.write_statements(batch.statement_documents())
    return len(batch.statements)


class InThisThread:
    """An executor that runs each call at once: another thread's connection would not see
    the rows of a transaction already open here (a test's)."""

    def submit(self, function, *args) -> Future:
        future = Future()
        future.set_result(function(*args))
        return future

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class Command(BaseCommand):
    help = "Write a reproducible synthetic archive for benchmarks (indexed for search)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, **options):
        with without_query_log():
            self.generate(**options)

    def generate(self, articles, seed, batch_size, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        if Source.objects.filter(slug__startswith=f"corpus-{seed}-").exists():
            raise CommandError(
                f"A corpus with seed {seed} is already in this database; use another --seed "
                "or a fresh database."
            )
        writer = CorpusWriter(CorpusSize.for_articles(articles), seed)
        writer.entities()
        statements = 0
        # The database writes one batch while Python makes the next: two cores both busy,
        # and never more than two batches in memory.
        in_transaction = connection.in_atomic_block
        with (secondary_indexes_set_aside(loaded_tables()),
              tqdm(total=articles, unit="articles", disable=None, file=self.stderr) as bar,
              InThisThread() if in_transaction else ThreadPoolExecutor(1) as database):
            saving = None
            for start in range(0, articles, batch_size):
                batch = writer.article_batch(start, min(batch_size, articles - start))
                if saving is not None:
                    statements += saving.result()
                    bar.update(batch_size)
                saving = database.submit(store, batch)
            statements += saving.result()
            bar.update(len(batch.articles))
            if not in_transaction:
                database.submit(connections.close_all).result()  # the writer thread's
        analyze()
        self.stdout.write(self.style.SUCCESS(
            f"Corpus (seed {seed}) written: {articles} articles, {statements} statements, "
            f"{len(writer.companies)} companies, {len(writer.speakers)} speakers."
        ))
