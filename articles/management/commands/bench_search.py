from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import override_settings

from articles.benchmark import query_classes, run, summary
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Time the search page, the search backend and a naive icontains baseline over a "
        "fixed mix of queries; prints p50/p95 in milliseconds and their ratios."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1,
                            help="The seed the corpus was generated with (picks its words).")
        parser.add_argument("--repeats", type=int, default=5)
        parser.add_argument("--no-baseline", action="store_true",
                            help="Skip the slow icontains baseline.")

    def handle(self, *args, seed, repeats, no_baseline, **options):
        classes = query_classes(seed)
        # As in production (no query log), but without needing `collectstatic` first, and
        # with the page cache off: each request is a search, not a cached page.
        production_like = override_settings(
            DEBUG=False, ARCHIVE_PAGE_CACHE=False,
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
            STORAGES={**settings.STORAGES, "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
        )
        with production_like:
            run(classes, repeats, with_baseline=not no_baseline)
        self.stdout.write(
            f"{Article.objects.published().count()} published articles on {connection.vendor}; "
            f"{repeats} runs of each query after one warm-up; milliseconds."
        )
        header = f"{'query class':<20} {'page p50':>9} {'page p95':>9} {'sql p50':>8} " \
                 f"{'sql p95':>8} {'page/sql':>9}"
        if not no_baseline:
            header += f" {'icontains p50':>14} {'icontains p95':>14} {'speed-up':>9}"
        self.stdout.write(header)
        for query_class in classes:
            page_50, page_95 = summary(query_class.timings["page"])
            sql_50, sql_95 = summary(query_class.timings["backend"])
            line = (f"{query_class.name:<20} {page_50:9.1f} {page_95:9.1f} {sql_50:8.1f} "
                    f"{sql_95:8.1f} {page_95 / sql_95:9.2f}")
            if not no_baseline:
                naive_50, naive_95 = summary(query_class.timings["icontains"])
                line += f" {naive_50:14.1f} {naive_95:14.1f} {naive_50 / page_50:8.1f}x"
            self.stdout.write(line)
