from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from tqdm import tqdm

from articles.bulk import (
    analyze,
    commit_without_waiting_for_disk,
    secondary_indexes_set_aside,
    without_query_log,
)
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


def index_when_saved(saved: Future, batch: CorpusBatch) -> int:
    """Index a batch once its rows are in (bulk writes send no signals); returns its
    statements."""
    saved.result()
    search = backend()
    with transaction.atomic():
        commit_without_waiting_for_disk()
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
        # Three stages at once, each a batch: Python makes one, a connection writes the
        # one before, another indexes the one before that (turning text into search vectors
        # is most of the database's work). Never more than three batches in memory.
        in_transaction = connection.in_atomic_block
        with (secondary_indexes_set_aside(loaded_tables()),
              tqdm(total=articles, unit="articles", disable=None, file=self.stderr) as bar,
              InThisThread() if in_transaction else ThreadPoolExecutor(1) as rows,
              InThisThread() if in_transaction else ThreadPoolExecutor(1) as index):
            indexing = deque()

            def finish_oldest():
                nonlocal statements
                statements += indexing.popleft().result()

            for start in range(0, articles, batch_size):
                batch = writer.article_batch(start, min(batch_size, articles - start))
                indexing.append(index.submit(index_when_saved, rows.submit(batch.save), batch))
                bar.update(len(batch.articles))
                if len(indexing) > 2:
                    finish_oldest()
            while indexing:
                finish_oldest()
            if not in_transaction:
                for thread in (rows, index):  # their connections
                    thread.submit(connections.close_all).result()
        analyze()
        self.stdout.write(self.style.SUCCESS(
            f"Corpus (seed {seed}) written: {articles} articles, {statements} statements, "
            f"{len(writer.companies)} companies, {len(writer.speakers)} speakers."
        ))
