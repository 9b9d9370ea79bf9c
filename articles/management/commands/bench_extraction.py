import json
import statistics
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.extraction import extract
from articles.ingest.importer import gazetteer_from_database
from articles.ingest.readers import ArticleRecord, read_paths

SAMPLE_ARCHIVE = Path(__file__).resolve().parents[2] / "sample" / "archive.json"


class Command(BaseCommand):
    help = ("Time extraction alone, article by article, and print the median and p95 ms per "
            "article. Reads the files or folders given (e.g. ../shared/extraction/dev), or the "
            "sample archive's articles.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*")
        parser.add_argument("--repeats", type=int, default=20)

    def handle(self, *args, paths, repeats, **options):
        articles = []
        if paths:
            for item in read_paths(paths):
                if isinstance(item, ArticleRecord):
                    articles.append((item.title, item.body))
                else:  # gold.json beside the stories: not an article, and not timed
                    self.stderr.write(f"skipped {item}")
        else:
            archive = json.loads(SAMPLE_ARCHIVE.read_text(encoding="utf-8"))
            articles = [(a["title"], a["body"]) for a in archive["articles"]]
        if not articles:
            raise CommandError("No articles to time.")
        gazetteer = gazetteer_from_database()
        timings = []
        for _ in range(max(1, repeats)):
            for title, body in articles:
                started = time.perf_counter()
                extract(title, body, gazetteer)
                timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        self.stdout.write(f"{len(articles)} articles x {repeats} repeats")
        self.stdout.write(f"extraction: median {statistics.median(timings):.2f} ms, "
                          f"p95 {p95:.2f} ms per article")
