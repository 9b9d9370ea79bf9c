"""Stories: one text published by several outlets, its copies grouped under one canonical article.

An article alone is no story (`story` is null). Once a near-duplicate is found at import
(articles/ingest/copies.py), both point to a Story; exactly one of them is canonical, the
copy readers see in lists and whose statements are counted. Every other member keeps its
own page and is shown as "also published by".

The signature and band tables are what makes detection cost the same at any archive size:
each article's MinHash signature is stored once, and each of its LSH band hashes is a row of
an indexed table, so a new article finds its candidates by index, never by reading the
archive.
"""

from django.db import models, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse


class Story(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        canonical = self.articles.filter(is_canonical=True).first()
        return canonical.title if canonical else f"Story {self.pk}"

    def get_absolute_url(self):
        return reverse("story_detail", args=[self.pk])


class StorySignature(models.Model):
    """An article's MinHash signature over its word shingles, and how many shingles it has
    (with two sizes, a Jaccard estimate gives the share of the shorter text in the longer)."""

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, primary_key=True, related_name="signature"
    )
    hashvalues = models.BinaryField()
    shingle_count = models.PositiveIntegerField()

    def __str__(self):
        return f"signature of article {self.article_id}"


class StoryBand(models.Model):
    """One LSH band of an article's signature, hashed: articles sharing a row are candidates."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="story_bands"
    )
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["key"], name="story_band_key_idx")]

    def __str__(self):
        return f"band {self.key} of article {self.article_id}"


def members(story_ids):
    from articles.models import Article

    return Article.objects.filter(story_id__in=story_ids).order_by()


def settle(story_ids) -> None:
    """After members join or leave: each story's canonical copy chosen again, and a story
    left with one article dissolved.

    The canonical copy is the earliest published one (a draft cannot stand for the story
    in readers' lists), else the earliest; an article imported first wins a tie.
    """
    story_ids = {pk for pk in story_ids if pk is not None}
    if not story_ids:
        return
    by_story = {}
    for pk, story_id, status, published_on in members(story_ids).values_list(
            "pk", "story_id", "status", "published_on"):
        by_story.setdefault(story_id, []).append((status != "published", published_on, pk))
    alone = [rows[0][2] for rows in by_story.values() if len(rows) == 1]
    canonical = [min(rows)[2] for rows in by_story.values() if len(rows) > 1]
    with transaction.atomic():
        members(story_ids).exclude(pk__in=canonical).update(is_canonical=False)
        members(story_ids).filter(pk__in=canonical).update(is_canonical=True)
        members(story_ids).filter(pk__in=alone).update(story=None, is_canonical=True)
        Story.objects.filter(pk__in=story_ids).exclude(
            pk__in=[story_id for story_id, rows in by_story.items() if len(rows) > 1]
        ).delete()


def split(articles) -> int:
    """Take wrongly grouped copies out of their stories: each stands alone again."""
    from articles.models import Article

    articles = list(articles)
    story_ids = {article.story_id for article in articles}
    with transaction.atomic():
        count = Article.objects.filter(pk__in=[a.pk for a in articles],
                                       story__isnull=False).update(story=None, is_canonical=True)
        settle(story_ids)
    return count


def merge(stories) -> Story | None:
    """Fold several stories into the oldest of them; returns the story that remains."""
    stories = sorted(stories, key=lambda story: story.pk)
    if not stories:
        return None
    kept, others = stories[0], [story.pk for story in stories[1:]]
    with transaction.atomic():
        members(others).update(story=kept)
        Story.objects.filter(pk__in=others).delete()
        settle([kept.pk])
    return kept


@receiver(post_save, sender="articles.Article")
def choose_canonical_again(sender, instance, raw=False, **kwargs):
    """Publishing or unpublishing a copy, or changing its date, may change which is canonical."""
    if instance.story_id and not raw:
        settle([instance.story_id])
