from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.ingest.polling import feeds_to_poll, poll_feeds
from articles.models import Feed
from articles.tasks import start_poll


class Command(BaseCommand):
    help = (
        "Poll the feeds that are due (or those named, or all active ones) and import their new "
        "entries for review. Run it from cron every few minutes, or with --background to hand "
        "the poll to a worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--feed", type=int, action="append", default=[], metavar="ID",
                            help="Poll this feed now, due or not (repeatable).")
        parser.add_argument("--all", action="store_true", dest="every",
                            help="Poll every active feed now, due or not.")
        parser.add_argument("--background", action="store_true",
                            help="Queue the poll as a job for a worker (admin: Jobs).")

    def handle(self, *args, feed, every, background, **options):
        if feed and every:
            raise CommandError("Give --feed or --all, not both.")
        missing = set(feed) - set(Feed.objects.filter(pk__in=feed).values_list("pk", flat=True))
        if missing:
            raise CommandError(f"No feed with id {', '.join(map(str, sorted(missing)))}.")
        if background:
            named = [f.pk for f in feeds_to_poll(feed, every)] if feed or every else ()
            with transaction.atomic():
                job = start_poll(feed_ids=named)
            self.stdout.write(self.style.SUCCESS(f"Job {job.pk} queued: {job.title}."))
            return
        results = poll_feeds(feeds_to_poll(feed, every), claimed=not (feed or every),
                             each=self.report)
        failed = sum(result.outcome == "failed" for result in results)
        created = sum(result.created for result in results)
        self.stdout.write(self.style.SUCCESS(
            f"{len(results)} feeds polled: {created} new articles, {failed} feeds failed."))

    def report(self, result) -> None:
        if result.outcome == "failed":
            self.stderr.write(self.style.ERROR(result.line()))
        else:
            self.stdout.write(result.line())
        for problem in result.problems:
            self.stderr.write(f"  not imported: {problem}")
