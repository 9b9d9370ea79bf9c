"""The record of each background job: what it does, how far it got, what went wrong.

A worker writes the record as it goes (items done of total, counts, a log entry per failed
file or line), so that an editor can leave the admin page and come back, and so that a job
whose worker died can be resumed from what it had committed. `attempt` tells the workers of
one job apart: a resumed job gets a new attempt, and a worker still holding an older one
stops at its next report instead of working beside the new one.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class JobQuerySet(models.QuerySet):
    def active(self):
        return self.filter(state__in=[Job.State.QUEUED, Job.State.RUNNING])

    def stalled(self):
        """Running jobs whose worker has not reported for a while: it was stopped or lost."""
        limit = timezone.now() - timedelta(seconds=settings.JOB_STALLED_AFTER_SECONDS)
        return self.filter(state=Job.State.RUNNING, heartbeat_at__lt=limit)


class Job(models.Model):
    class Kind(models.TextChoices):
        IMPORT = "import", "Import of uploaded files"
        REEXTRACT = "reextract", "Re-extraction"
        REINDEX = "reindex", "Search index rebuild"
        POLL = "poll", "Feed poll"
        PAGES = "pages", "Import of web pages"

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    # What the job works on, in plain JSON the worker reads back (ids, options, file names).
    parameters = models.JSONField(default=dict, blank=True)
    total = models.PositiveIntegerField(null=True, blank=True,
                                        help_text="Items to do; unknown until counted.")
    done = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    summary = models.TextField(blank=True)
    error = models.TextField(blank=True, help_text="Why the job itself stopped, if it failed.")
    attempt = models.PositiveIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True,
                               help_text="The queue's id of the latest attempt.")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "heartbeat_at"], name="job_state_heartbeat_idx")]

    def __str__(self):
        return self.title

    @property
    def percent(self) -> int | None:
        if not self.total:
            return 100 if self.state == self.State.DONE else None
        return min(100, round(100 * self.done / self.total))

    @property
    def is_active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def is_stalled(self) -> bool:
        return Job.objects.stalled().filter(pk=self.pk).exists() if self.pk else False

    @property
    def can_resume(self) -> bool:
        return self.state == self.State.FAILED or self.is_stalled


class JobEntry(models.Model):
    """One line of a job's log: a file or line that failed, or a note about one."""

    class Level(models.TextChoices):
        FAILURE = "failure", "Not imported"
        NOTE = "note", "Note"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="entries")
    level = models.CharField(max_length=8, choices=Level.choices)
    origin = models.CharField(max_length=500, blank=True,
                              help_text="The file, and the line or item in it.")
    message = models.TextField()

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "job entries"

    def __str__(self):
        return f"{self.origin}: {self.message}" if self.origin else self.message
