import statistics
import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from articles.bulk import analyze
from articles.copy_benchmark import EDITS, StoryWriter, precision_recall
from articles.ingest.copies import CopyDetector
from articles.ingest.importer import BATCH_SIZE, Importer, ImportOptions
from articles.ingest.readers import ArticleRecord
from articles.management.commands.bench_import import percentile
from articles.models import Article, content_hash

FIRST_DAY = date(2024, 1, 1)


class Command(BaseCommand):
    help = (
        "Precision and recall of syndicated-copy detection on generated stories with controlled "
        "edits and same-topic hard negatives, then the near-duplicate stage's cost per imported "
        "article at two archive sizes in the same run, with their ratio. Everything is rolled "
        "back afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=400)
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000],
                            metavar=("SMALL", "LARGE"), help="Archive sizes to time at.")
        parser.add_argument("--timed", type=int, default=1000,
                            help="Articles imported and timed at each size.")

    def handle(self, *args, stories, seed, sizes, timed, **options):
        small, large = sorted(sizes)
        if small < 1 or timed < BATCH_SIZE:
            raise CommandError(f"--sizes must be positive and --timed at least {BATCH_SIZE}.")
        with transaction.atomic():
            self.quality(stories, seed)
            transaction.set_rollback(True)
        with transaction.atomic():
            self.cost(seed, small, large, timed)
            transaction.set_rollback(True)

    def quality(self, stories: int, seed: int) -> None:
        generated = StoryWriter(seed).generated_set(stories)
        records = [ArticleRecord(
            title=article.title, body=article.body, origin=f"generated {number}",
            source=article.outlet, published=FIRST_DAY + timedelta(days=article.day),
            url=f"https://bench.example/{number}")
            for number, article in enumerate(generated.articles)]
        order = sorted(range(len(records)), key=lambda n: (records[n].published, n))
        summary = Importer(ImportOptions(extract=False, status=Article.Status.PUBLISHED)).run(
            [records[n] for n in order])
        story_of = {int(url.rsplit("/", 1)[1]): story for url, story in
                    Article.objects.filter(url__startswith="https://bench.example/")
                    .values_list("url", "story_id")}
        predicted = {(a, b) for a in story_of for b in story_of
                     if a < b and story_of[a] is not None and story_of[a] == story_of[b]}
        expected = {pair for pair in generated.pairs() if set(pair) <= set(story_of)}
        precision, recall = precision_recall(expected, predicted)
        self.stdout.write(
            f"Copy detection on {len(records)} generated articles ({stories} stories, seed "
            f"{seed}) on {connection.vendor}: {summary.line()}.")
        self.stdout.write(
            f"pairs: {len(expected)} true, {len(predicted)} found; precision {precision:.4f} "
            f"(target >= 0.98), recall {recall:.4f} (target >= 0.95)")
        originals = {}
        for number, article in enumerate(generated.articles):
            originals.setdefault(article.key, number)
        for edit in EDITS:
            copies = [n for n, a in enumerate(generated.articles)
                      if edit in a.edits and n in story_of and originals[a.key] in story_of]
            found = sum(1 for n in copies if story_of[n] is not None
                        and story_of[n] == story_of[originals[generated.articles[n].key]])
            self.stdout.write(f"  copies with {edit:<16} {found:4d} of {len(copies):4d} "
                              f"joined their original's story")
        same_topic = sum(1 for a, b in predicted - expected
                         if generated.articles[a].key.split("-same")[0]
                         == generated.articles[b].key.split("-same")[0])
        self.stdout.write(f"  wrong pairs: {len(predicted - expected)}, of which {same_topic} "
                          "between stories on the same topic")

    def cost(self, seed: int, small: int, large: int, timed: int) -> None:
        writer = StoryWriter(seed + 1)
        detector = CopyDetector()
        self.stdout.write(
            f"Near-duplicate stage per imported article on {connection.vendor} (signature, "
            f"band lookup, confirmation, grouping), batches of {BATCH_SIZE}, {timed} articles "
            f"at each size, half of them copies of the other half:")
        self.stdout.write(f"{'archive':>8} {'p50 ms':>7} {'p95 ms':>7}")
        held, medians = 0, {}
        for size in (small, large):
            while held < size:
                count = min(BATCH_SIZE * 10, size - held)
                self.place(detector, [writer.story(f"filler-{held + n}", (held + n) % 700)
                                      for n in range(count)], held)
                held += count
            # As autovacuum would have by then: planning on the statistics of an empty band
            # table, the candidate lookup scanned every band row instead of its index.
            analyze()
            per_article = []
            for start in range(0, timed, BATCH_SIZE):
                batch = []
                for n in range(BATCH_SIZE):
                    batch.append(writer.copy(batch[-1], writer.topic()) if n % 2
                                 else writer.story(f"timed-{size}-{start + n}", 700))
                per_article.append(self.place(detector, batch, held) * 1000 / len(batch))
                held += len(batch)
            medians[size] = statistics.median(per_article)
            self.stdout.write(f"{size:8d} {medians[size]:7.2f} {percentile(per_article, 95):7.2f}")
        ratio = medians[large] / medians[small]
        self.stdout.write(f"ratio {large}/{small} of the p50: {ratio:.2f}")

    @staticmethod
    def place(detector: CopyDetector, generated, numbered_from: int) -> float:
        """Save the articles in bulk, then time the stage on them, a batch at a time."""
        articles = Article.objects.bulk_create(
            Article(title=g.title, body=g.body, slug=f"bench-copies-{numbered_from + n}",
                    content_hash=content_hash(f"{numbered_from + n} {g.title}", g.body),
                    published_on=FIRST_DAY + timedelta(days=g.day),
                    status=Article.Status.PUBLISHED)
            for n, g in enumerate(generated))
        elapsed = 0.0
        for start in range(0, len(articles), BATCH_SIZE):
            started = time.perf_counter()
            detector.place(articles[start:start + BATCH_SIZE])
            elapsed += time.perf_counter() - started
        return elapsed
