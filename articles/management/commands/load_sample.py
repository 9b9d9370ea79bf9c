from django.core.management.base import BaseCommand

from articles.models import Article
from articles.sample import load_sample_archive, remove_sample_archive


class Command(BaseCommand):
    help = ("Load the fictional sample archive (idempotent: loading it again changes nothing), "
            "or remove it with --remove.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Do nothing when the archive already holds articles.",
        )
        parser.add_argument(
            "--remove", action="store_true",
            help="Remove what the sample created, keeping anything an editor added.",
        )

    def handle(self, *args, if_empty, remove, **options):
        if remove:
            self.remove()
            return
        if if_empty and Article.objects.exists():
            self.stdout.write("The archive already holds articles; the sample was not loaded.")
            return
        counts = load_sample_archive()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Sample archive loaded: {summary}."))

    def remove(self):
        counts, kept = remove_sample_archive()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Sample archive removed: {summary}."))
        if kept:
            self.stdout.write("Kept, because the archive's own articles or entries still refer "
                              "to them: " + "; ".join(kept) + ".")
