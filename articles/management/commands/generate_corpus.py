from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.corpus import CorpusSize, CorpusWriter
from articles.models import Source
from articles.search import backend


class Command(BaseCommand):
    help = "Write a reproducible synthetic archive for benchmarks (indexed for search)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, articles, seed, batch_size, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        if Source.objects.filter(slug__startswith=f"corpus-{seed}-").exists():
            raise CommandError(
                f"A corpus with seed {seed} is already in this database; use another --seed "
                "or a fresh database."
            )
        writer = CorpusWriter(CorpusSize.for_articles(articles), seed)
        writer.entities()
        search = backend()
        statements = 0
        with tqdm(total=articles, unit="articles", disable=None, file=self.stderr) as bar:
            for start in range(0, articles, batch_size):
                count = min(batch_size, articles - start)
                article_ids, statement_ids = writer.article_batch(start, count)
                # bulk_create sends no signals: index each batch directly.
                search.index_articles(article_ids)
                search.index_statements(statement_ids)
                statements += len(statement_ids)
                bar.update(count)
        self.stdout.write(self.style.SUCCESS(
            f"Corpus (seed {seed}) written: {articles} articles, {statements} statements, "
            f"{len(writer.companies)} companies, {len(writer.speakers)} speakers."
        ))
