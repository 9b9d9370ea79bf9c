import json

from django.core.management.base import BaseCommand, CommandError

from articles.extraction import extract
from articles.ingest.importer import gazetteer_from_database
from articles.ingest.readers import ArticleRecord, read_paths


class Command(BaseCommand):
    help = "Show what extraction finds in a file, without saving anything."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="Print JSON (the default).")

    def handle(self, *args, file, **options):
        gazetteer = gazetteer_from_database()
        results = []
        for item in read_paths([file]):
            if not isinstance(item, ArticleRecord):
                raise CommandError(str(item))
            results.append(extract(item.title, item.body, gazetteer).as_json())
        output = results[0] if len(results) == 1 else results
        self.stdout.write(json.dumps(output, indent=2, ensure_ascii=False))
