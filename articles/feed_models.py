"""A source's feeds: where its news is polled from, and how the last polls went.

A feed is polled when it is due: its poll interval after a success, and after each failure
in a row twice as long as after the one before (up to a day), so that an outlet that is
down is asked less and less often instead of every few minutes. What the last fetch said
is kept on the feed for the editors' list: when, whether it worked, why not, how many new
articles it brought.
"""

from datetime import timedelta

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from articles.web_urls import validate_web_url

# However many failures in a row, a feed is tried again at least once a day.
MAX_BACKOFF = timedelta(days=1)


class FeedQuerySet(models.QuerySet):
    def due(self, now=None):
        """Active feeds whose next poll has come (or was never set: a new feed)."""
        now = now or timezone.now()
        return self.filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now),
                           is_active=True)


class Feed(models.Model):
    source = models.ForeignKey("articles.Source", on_delete=models.CASCADE,
                               related_name="feeds")
    url = models.URLField("feed URL", max_length=1000, unique=True,
                          validators=[validate_web_url], help_text="An RSS or Atom feed.")
    is_active = models.BooleanField("active", default=True,
                                    help_text="Off to stop polling it, keeping its record.")
    poll_interval = models.PositiveIntegerField(
        "poll every (minutes)", default=60, validators=[MinValueValidator(5)],
        help_text="At least 5. After failures the feed waits longer (doubling, up to a day).")
    # What the server said last time, sent back so that it can answer "not modified".
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_fetch_at = models.DateTimeField("last fetch", null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField("last success", null=True, blank=True,
                                           editable=False)
    last_error = models.TextField(blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    next_poll_at = models.DateTimeField("next poll", null=True, blank=True, editable=False,
                                        help_text="Empty: at the next run of the poller.")
    new_items = models.PositiveIntegerField("new in last fetch", default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FeedQuerySet.as_manager()

    class Meta:
        ordering = ["source__name", "url"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__istartswith="http://") | Q(url__istartswith="https://"),
                name="feed_url_is_web_url"),
            models.CheckConstraint(condition=Q(poll_interval__gte=5),
                                   name="feed_poll_interval_at_least_5_minutes"),
        ]
        indexes = [models.Index(fields=["is_active", "next_poll_at"], name="feed_due_idx")]

    def __str__(self):
        return self.url

    @property
    def interval(self) -> timedelta:
        return timedelta(minutes=self.poll_interval)

    def backoff(self) -> timedelta:
        """The wait before the next poll: the interval, doubled for each failure in a row."""
        if not self.consecutive_failures:
            return self.interval
        # Past 2**20 the doubling is far beyond the cap; stop before the number grows huge.
        doubled = self.interval * 2 ** min(self.consecutive_failures, 20)
        return min(doubled, max(MAX_BACKOFF, self.interval))

    def succeeded(self, now, new_items: int) -> None:
        self.last_fetch_at = self.last_success_at = now
        self.last_error, self.consecutive_failures, self.new_items = "", 0, new_items
        self.next_poll_at = now + self.backoff()

    def failed(self, now, error: str) -> None:
        self.last_fetch_at = now
        self.last_error, self.new_items = error[:2000], 0
        self.consecutive_failures += 1
        self.next_poll_at = now + self.backoff()
