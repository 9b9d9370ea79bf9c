import statistics
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from articles.corpus import FIRST_NAMES, LAST_NAMES, CorpusSize, CorpusWriter
from articles.ingest.importer import Importer, ImportOptions
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


class Command(BaseCommand):
    help = (
        "Import synthetic text files and print the throughput with extraction on, against "
        "the same import without extraction, in the same run. Everything is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=500)
        parser.add_argument("--seed", type=int, default=11)

    def handle(self, *args, articles, seed, **options):
        with tempfile.TemporaryDirectory() as folder:
            write_files(Path(folder), articles, seed)
            results = {}
            for label, extract in (("without extraction", False), ("with extraction", True)):
                durations = []
                with transaction.atomic():
                    importer = Importer(ImportOptions(extract=extract))
                    started = time.perf_counter()
                    last = started

                    def tick(durations=durations):
                        nonlocal last
                        now = time.perf_counter()
                        durations.append((now - last) * 1000)
                        last = now

                    summary = importer.run(read_paths([folder]), progress=tick)
                    elapsed = time.perf_counter() - started
                    transaction.set_rollback(True)
                results[label] = (summary, elapsed, durations)
        self.stdout.write(f"{articles} text files on {connection.vendor}; each import rolled "
                          "back; per-article milliseconds.")
        self.stdout.write(f"{'import':<20} {'articles/s':>10} {'p50':>7} {'p95':>7} "
                          f"{'created':>8} {'failed':>7}")
        for label, (summary, elapsed, durations) in results.items():
            ordered = sorted(durations)
            p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
            self.stdout.write(
                f"{label:<20} {len(durations) / elapsed:10.1f} "
                f"{statistics.median(durations):7.2f} {p95:7.2f} {summary.created:8d} "
                f"{summary.failed:7d}")
        base = results["without extraction"][1]
        self.stdout.write(f"extraction costs {results['with extraction'][1] / base:.2f}x the "
                          "import without it")
