from django.core.management.base import BaseCommand

from articles.ingest.export import write_jsonl


class Command(BaseCommand):
    help = "Write every article, with its links and statements, as JSON Lines."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")
        parser.add_argument("--output", help="A file to write; standard output by default.")

    def handle(self, *args, output, **options):
        if output:
            with open(output, "w", encoding="utf-8") as stream:
                count = write_jsonl(stream)
            self.stderr.write(f"{count} articles written to {output}.")
        else:
            write_jsonl(self.stdout)
