"""What editors decided about extraction's suggestions, and the precision and recall it adds up to.

Every decision on the review page is one row: a suggestion accepted as proposed, accepted with
its text or its speaker corrected, rejected, or a statement the editor added because extraction
missed it. From these rows the archive measures how well it reads the news it actually receives.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone


class DecisionQuerySet(models.QuerySet):
    def record_missed(self, statements, editor) -> list["ReviewDecision"]:
        """Statements an editor added by hand to articles extraction had read: its misses."""
        return self.bulk_create(
            ReviewDecision(article_id=statement.article_id, statement=statement, editor=editor,
                           outcome=ReviewDecision.Outcome.ADDED, final_text=statement.text,
                           final_speaker=statement.speaker.name if statement.speaker else "")
            for statement in statements
        )

    def figures(self) -> "QualityFigures":
        return QualityFigures(**self.aggregate(**OUTCOME_COUNTS))

    def figures_by(self, key: str, label_field: str | None = None) -> list[tuple]:
        """(label, QualityFigures) per value of `key`, most decisions first."""
        rows = self.order_by().values(key, *([label_field] if label_field else [])).annotate(
            **OUTCOME_COUNTS)
        grouped = []
        for row in rows:
            label = row.pop(label_field) if label_field else row[key]
            row.pop(key)
            grouped.append((label, QualityFigures(**row)))
        return sorted(grouped, key=lambda pair: (-pair[1].decisions, str(pair[0])))

    def figures_by_month(self) -> list[tuple]:
        rows = self.annotate(month=TruncMonth("decided_at")).order_by().values("month").annotate(
            **OUTCOME_COUNTS)
        by_month = [(row.pop("month"), QualityFigures(**row)) for row in rows]
        return sorted(by_month, key=lambda pair: pair[0], reverse=True)


class ReviewDecision(models.Model):
    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Accepted as proposed"
        TEXT_CORRECTED = "text_corrected", "Accepted, text corrected"
        SPEAKER_CORRECTED = "speaker_corrected", "Accepted, speaker corrected"
        REJECTED = "rejected", "Rejected"
        ADDED = "added", "Added by the editor (missed)"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="review_decisions")
    # Rejected suggestions are deleted; their decision stays.
    statement = models.ForeignKey(
        "articles.Statement", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="review_decisions")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    sieve = models.CharField(
        "proposed by", max_length=40, blank=True,
        help_text="The extraction rule that proposed the statement; empty for one added by hand.")
    confidence = models.FloatField(null=True, blank=True)
    proposed_text = models.TextField(blank=True)
    proposed_speaker = models.CharField(max_length=200, blank=True)
    final_text = models.TextField(blank=True)
    final_speaker = models.CharField(max_length=200, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [
            models.Index(fields=["decided_at"], name="decision_decided_idx"),
            models.Index(fields=["sieve", "outcome"], name="decision_sieve_idx"),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()}: “{(self.final_text or self.proposed_text)[:60]}”"


def _count(outcome: str):
    return Count("pk", filter=Q(outcome=outcome))


OUTCOME_COUNTS = {
    "accepted": _count(ReviewDecision.Outcome.ACCEPTED),
    "text_corrected": _count(ReviewDecision.Outcome.TEXT_CORRECTED),
    "speaker_corrected": _count(ReviewDecision.Outcome.SPEAKER_CORRECTED),
    "rejected": _count(ReviewDecision.Outcome.REJECTED),
    "added": _count(ReviewDecision.Outcome.ADDED),
}


class QualityFigures:
    """Precision and recall of attributed quotes, as the editors' decisions score them.

    A suggestion is right when the editor kept it with its speaker: as proposed, or with only
    its text trimmed. A corrected speaker is a wrong attribution, a rejection a wrong quote;
    what the editor added is a quote extraction missed. So precision is right / suggestions
    decided, and recall is right / every statement the article turned out to hold.
    """

    def __init__(self, accepted=0, text_corrected=0, speaker_corrected=0, rejected=0, added=0):
        self.accepted = accepted
        self.text_corrected = text_corrected
        self.speaker_corrected = speaker_corrected
        self.rejected = rejected
        self.added = added

    @property
    def right(self) -> int:
        return self.accepted + self.text_corrected

    @property
    def suggestions(self) -> int:
        return self.right + self.speaker_corrected + self.rejected

    @property
    def decisions(self) -> int:
        return self.suggestions + self.added

    @property
    def precision(self) -> float | None:
        return self.right / self.suggestions if self.suggestions else None

    @property
    def recall(self) -> float | None:
        real = self.right + self.speaker_corrected + self.added
        return self.right / real if real else None
