from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.jobs import Job
from articles.tasks import enqueue


class Command(BaseCommand):
    help = ("Resume background jobs whose worker died (stalled) or stopped (failed): each "
            "goes on after its last reported item.")

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="The jobs to resume.")
        parser.add_argument("--stalled", action="store_true",
                            help="Every running job whose worker stopped reporting.")

    def handle(self, *args, ids, stalled, **options):
        if not ids and not stalled:
            raise CommandError("Name the jobs to resume, or give --stalled.")
        jobs = list(Job.objects.filter(pk__in=ids))
        if missing := set(ids) - {job.pk for job in jobs}:
            raise CommandError(f"No job {', '.join(map(str, sorted(missing)))}.")
        if stalled:
            jobs += [job for job in Job.objects.stalled() if job.pk not in ids]
        for job in jobs:
            if not job.can_resume:
                self.stderr.write(f"Job {job.pk} ({job.get_state_display()}) is not stalled or "
                                  "failed; left alone.")
                continue
            with transaction.atomic():
                enqueue(job)
            self.stdout.write(f"Job {job.pk} resumed from item {job.done} (attempt "
                              f"{job.attempt}): {job.title}")
