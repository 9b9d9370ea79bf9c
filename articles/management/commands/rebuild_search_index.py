from django.core.management.base import BaseCommand
from tqdm import tqdm

from articles.models import Article, Statement
from articles.search.indexing import rebuild, repair_drift


class Command(BaseCommand):
    help = ("Rebuild the full-text index of every article and statement; with --check, "
            "report the rows missing from the index and the entries of deleted rows, and fix "
            "only those.")

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true",
                            help="Report (and repair) drift instead of rebuilding everything.")

    def handle(self, *args, check, **options):
        if check:
            drift = repair_drift()
            style = self.style.WARNING if drift.total else self.style.SUCCESS
            verdict = "repaired" if drift.total else "the index is in step"
            self.stdout.write(style(f"Search index {drift.line()}: {verdict}."))
            return
        total = Article.objects.count() + Statement.objects.count()
        with tqdm(total=total, unit="rows", disable=None, file=self.stderr) as bar:
            counts = rebuild(progress=bar.update)
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {summary}."))
