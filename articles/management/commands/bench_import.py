import statistics
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from articles.corpus import FIRST_NAMES, LAST_NAMES, CorpusSize, CorpusWriter
from articles.ingest.extracting import ExtractionAhead, available_cores
from articles.ingest.importer import BATCH_SIZE, Importer, ImportOptions
from articles.ingest.readers import read_paths


def write_files(folder: Path, count: int, seed: int) -> None:
    writer = CorpusWriter(CorpusSize.for_articles(count), seed)
    rng = writer.random
    for number in range(count):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        company = f"{rng.choice(['Volga', 'Caspian', 'Nordic', 'Aegean'])} " \
                  f"{rng.choice(['Turbine Works', 'Gas Holding', 'Shipyards', 'Rail Systems'])}"
        paragraphs = [writer.paragraph() for _ in range(rng.randint(2, 5))]
        paragraphs.insert(1, f"{name}, the head of exports at {company}, said the company "
                             f"wanted partners in Turkey and Russia.")
        paragraphs.insert(3, f"\"{writer.sentence()}\" {name.split()[-1]} said.")
        text = f"Published: 2024-0{1 + number % 9}-1{number % 9}\n\n" \
               f"{writer.sentence(5, 9).rstrip('.')} {number}\n\n" + "\n\n".join(paragraphs)
        (folder / f"{number:05d}.txt").write_text(text, encoding="utf-8")


def copy_article(folder: Path, count: int, template: Path) -> None:
    """`count` copies of a real article, each a different text (a numbered title line)."""
    title, body = template.read_text(encoding="utf-8").strip().split("\n", 1)
    for number in range(count):
        (folder / f"{number:05d}.txt").write_text(
            f"Published: 2024-01-02\n\n{title.strip()} ({number})\n\n{body.strip()}\n",
            encoding="utf-8")


class Command(BaseCommand):
    help = (
        "Import synthetic text files and print the throughput with extraction on, against "
        "the same import without extraction, in the same run. The search index is brought "
        "up to date inside the timing; everything is rolled back afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=500)
        parser.add_argument("--repeats", type=int, default=3)
        parser.add_argument("--seed", type=int, default=11)
        parser.add_argument("--like", metavar="FILE", type=Path,
                            help="Import copies of this article instead of synthetic ones, "
                                 "e.g. ../shared/samples/000_e3544d9ca0214d36.txt.")
        parser.add_argument("--keep-files", metavar="DIR",
                            help="Also write the files to DIR and keep them, to time a real "
                                 "import_articles of the same files.")

    def handle(self, *args, articles, repeats, seed, like, keep_files, **options):
        if like is not None and not like.is_file():
            raise CommandError(f"--like {like}: no such file.")

        def write(folder: Path) -> None:
            if like:
                copy_article(folder, articles, like)
            else:
                write_files(folder, articles, seed)

        if keep_files:
            Path(keep_files).mkdir(parents=True, exist_ok=True)
            write(Path(keep_files))
        # Extraction in the importing process alone, and (the import as it runs) with the
        # next batches extracted by worker processes meanwhile (ingest/extracting.py).
        settings = {"without extraction": (False, 0), "extraction, 1 process": (True, 0),
                    "with extraction": (True, None)}
        runs = {label: [] for label in settings}
        batches = {label: [] for label in runs}
        with tempfile.TemporaryDirectory() as folder:
            write(Path(folder))
            for _ in range(repeats):
                for label, (extract, workers) in settings.items():
                    summary, elapsed, per_article = self.import_once(folder, extract, workers)
                    if summary.created != articles:
                        raise CommandError(f"{label}: {summary.line()}; expected {articles} "
                                           "created.")
                    runs[label].append(articles / elapsed)
                    batches[label].extend(per_article)
        self.stdout.write(
            f"{articles} text files on {connection.vendor}, {repeats} runs each, rolled back; "
            f"articles/s per run, and milliseconds per article within each batch of "
            f"{BATCH_SIZE}; extraction ahead in {ExtractionAhead(None).workers} worker "
            f"process(es) on {available_cores()} cores.")
        self.stdout.write(f"{'import':<22} {'median/s':>9} {'worst/s':>8} {'p50 ms':>7} "
                          f"{'p95 ms':>7}")
        for label, rates in runs.items():
            self.stdout.write(
                f"{label:<22} {statistics.median(rates):9.1f} {min(rates):8.1f} "
                f"{statistics.median(batches[label]):7.2f} {percentile(batches[label], 95):7.2f}")
        ahead = statistics.median(runs["with extraction"]) / \
            statistics.median(runs["extraction, 1 process"])
        self.stdout.write(f"extraction ahead in workers: {ahead:.2f}x the rate of one process")
        ratio = statistics.median(runs["without extraction"]) / \
            statistics.median(runs["with extraction"])
        self.stdout.write(f"extraction costs {ratio:.2f}x the time of the import without it")

    @staticmethod
    def import_once(folder: str, extract: bool, workers: int | None = None):
        per_article = []
        with transaction.atomic():
            importer = Importer(ImportOptions(extract=extract, extraction_workers=workers))
            started = last = time.perf_counter()

            def batch_done(count):
                nonlocal last
                now = time.perf_counter()
                per_article.append((now - last) * 1000 / count)
                last = now

            # Each batch indexes itself in its transaction, so the timing includes indexing.
            summary = importer.run(read_paths([folder]), progress=batch_done)
            elapsed = time.perf_counter() - started
            transaction.set_rollback(True)
        return summary, elapsed, per_article


def percentile(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]
