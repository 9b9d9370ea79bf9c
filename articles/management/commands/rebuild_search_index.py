from django.core.management.base import BaseCommand
from tqdm import tqdm

from articles.models import Article, Statement
from articles.search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the full-text index of every article and statement."

    def handle(self, *args, **options):
        total = Article.objects.count() + Statement.objects.count()
        with tqdm(total=total, unit="rows", disable=None, file=self.stderr) as bar:
            counts = rebuild(progress=bar.update)
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {summary}."))
