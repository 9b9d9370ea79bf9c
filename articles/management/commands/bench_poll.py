from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings

from articles import poll_benchmark


class Command(BaseCommand):
    help = (
        "Time feed polls against feeds and pages served on loopback: median and p95 per poll "
        "of one feed, and imports per second, for a first poll (every entry new, its page "
        "fetched and extracted), an unchanged feed (304) and a changed feed with nothing new. "
        "Everything is rolled back afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("--feeds", type=int, default=20)
        parser.add_argument("--entries", type=int, default=10, help="Entries per feed.")
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument("--latency", type=int, default=0, metavar="MS",
                            help="Each page answers after this many milliseconds, as a "
                                 "distant news site would.")

    def handle(self, *args, feeds, entries, seed, latency, **options):
        if feeds < 1 or entries < 1 or latency < 0:
            raise CommandError("--feeds and --entries must be at least 1, --latency not "
                               "negative.")
        self.stdout.write(f"{feeds} feeds × {entries} entries on loopback; each new entry's "
                          f"page fetched (answering after {latency} ms) and extracted, then "
                          "imported with extraction.")
        # The feeds are served on loopback, which fetching refuses unless told otherwise.
        with override_settings(FETCH_PRIVATE_ADDRESSES=True), transaction.atomic():
            rounds = poll_benchmark.run(feeds, entries, seed, latency / 1000)
            transaction.set_rollback(True)
        for measured in rounds:
            self.stdout.write(measured.line())
