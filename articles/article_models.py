"""Articles and the statements quoted in them: what readers search, list and open.

Split from models.py, which keeps the entities articles are linked to; importing this module
at the end of models.py registers these models.
"""

import hashlib
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.urls import reverse
from simple_history.models import HistoricalRecords

from articles.models import (
    Company,
    Country,
    Sector,
    Source,
    Speaker,
    VisibilityQuerySet,
    listed_q,
    reviewed_or_none,
    unique_slug,
)
from articles.web_urls import validate_web_url, web_url_or_blank
from articles.xml_text import xml_safe


class ArticleQuerySet(VisibilityQuerySet):
    def published(self):
        """Listed and counted for readers: published, and the one copy standing for its story."""
        # The alias marks the rows as listed ones, for involving_all; it adds no SQL.
        return self.filter(listed_q()).alias(only_listed=Value(True))

    def readable(self):
        """Every published article a reader may open, copies of a story included."""
        return self.filter(status=Article.Status.PUBLISHED)

    # Each test is "id in (the articles linked to X)": the link table's index on X finds
    # them directly, where a correlated EXISTS would be probed for every article (SQLite).
    def involving_all(self, relation: str, objects):
        """Articles linked to every one of `objects` through the many-to-many `relation`."""
        objects = list(objects)
        if relation == "countries" and self.is_listed_only():
            return self.listed_under("country", objects)
        through = Article._meta.get_field(relation).remote_field.through
        target = Article._meta.get_field(relation).m2m_reverse_field_name()
        queryset = self
        for obj in objects:
            linked = through.objects.filter(**{target: obj}).values("article_id")
            queryset = queryset.filter(pk__in=linked)
        return queryset

    def is_listed_only(self) -> bool:
        return "only_listed" in self.query.annotations

    def listed_under(self, kind: str, objects):
        """Listed articles under every one of `objects` (countries or sectors: `kind`), from
        their listings (articles.listings). The first one not yet joined is joined, its index
        giving the date order (`in_date_order`); each other one is a test against its own
        listing, which the same index answers without reading the table."""
        relation = f"{kind}_listings"
        listing = Article._meta.get_field(relation).related_model
        queryset = self
        if objects and "listed_on" not in self.query.annotations:
            queryset = queryset.filter(**{f"{relation}__{kind}": objects[0]}).alias(
                listed_on=F(f"{relation}__published_on"))
            objects = objects[1:]
        for obj in objects:
            queryset = queryset.filter(
                pk__in=listing.objects.filter(**{kind: obj}).values("article_id"))
        return queryset

    def in_date_order(self, descending: bool = True):
        """Newest (or oldest) first, ties by id; by the date of a joined listing, which is
        the article's own (articles.listings), so that the listing's index gives the order."""
        date = "listed_on" if "listed_on" in self.query.annotations else "published_on"
        order = "-" if descending else ""
        return self.order_by(f"{order}{date}", f"{order}id")

    def involving_any(self, relation: str, objects):
        """Articles linked to at least one of `objects` (all articles when there are none)."""
        if not objects:
            return self
        through = Article._meta.get_field(relation).remote_field.through
        target = Article._meta.get_field(relation).m2m_reverse_field_name()
        linked = through.objects.filter(**{f"{target}__in": objects}).values("article_id")
        return self.filter(pk__in=linked)

    def in_sectors(self, sectors, any_of: bool = False):
        """Articles in each of the sectors (or, `any_of`, in one of them), a parent sector
        counting its subsectors."""
        if self.is_listed_only():
            if not (any_of and sectors):
                return self.listed_under("sector", list(sectors))
            listed = Article._meta.get_field("sector_listings").related_model.objects
            return self.filter(pk__in=listed.filter(sector__in=sectors).values("article_id"))
        through = Article.sectors.through
        families = [Sector.objects.with_subsectors([sector]) for sector in sectors]
        if any_of and sectors:
            families = [Sector.objects.with_subsectors(sectors)]
        queryset = self
        for family in families:
            queryset = queryset.filter(
                pk__in=through.objects.filter(sector__in=family).values("article_id")
            )
        return queryset

    def quoting(self, *speakers):
        """Articles with a statement readers see of one of the `speakers`."""
        return self.filter(pk__in=Statement.objects.published().filter(
            speaker__in=speakers).values("article_id"))

def content_hash(title: str, body: str) -> str:
    """Fingerprint of an article's text, blind to case and whitespace, to reject re-imports."""
    normalized = re.sub(r"\s+", " ", xml_safe(f"{title}\n{body}")).strip().casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=200, unique=True, blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="articles"
    )
    url = models.URLField("original URL", max_length=1000, blank=True,
                          validators=[validate_web_url])
    published_on = models.DateField("publication date", db_index=True)
    byline = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(help_text="Plain text; paragraphs separated by blank lines.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    countries = models.ManyToManyField(Country, blank=True, related_name="articles")
    companies = models.ManyToManyField(Company, blank=True, related_name="articles")
    sectors = models.ManyToManyField(Sector, blank=True, related_name="articles")
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    story = models.ForeignKey(
        "articles.Story", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="articles", help_text="The story this article is a copy of, if any.",
    )
    is_canonical = models.BooleanField(
        "canonical copy", default=True, editable=False,
        help_text="Off for the other copies of a story: readers' lists show each story once.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[countries, companies, sectors])

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="article_url_unique_when_present"
            ),
            models.CheckConstraint(condition=web_url_or_blank("url"),
                                   name="article_url_is_web_url"),
        ]
        indexes = [
            # Lists filter published canonical copies and sort newest first: one index range.
            models.Index(
                fields=["status", "is_canonical", "-published_on", "-id"],
                name="article_listed_newest_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.content_hash = content_hash(self.title, self.body)
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("article_detail", args=[self.slug])

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def other_copies(self) -> list["Article"]:
        """The other published copies of its story, when the rows were fetched with them
        (views.common.story_copies_prefetch): readers' "also published by"."""
        if not self.story_id or not self._meta.get_field("story").is_cached(self):
            return []
        return [copy for copy in getattr(self.story, "published_copies", []) if copy.pk != self.pk]

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in re.split(r"\n\s*\n", self.body) if part.strip()]

    def clean(self):
        if not self.title.strip():
            raise ValidationError({"title": "An article needs a title."})
        duplicate = Article.objects.filter(content_hash=content_hash(self.title, self.body))
        if self.pk:
            duplicate = duplicate.exclude(pk=self.pk)
        existing = duplicate.first()
        if existing:
            raise ValidationError(
                f"The archive already holds this article's text: “{existing.title}” "
                f"({existing.published_on:%Y-%m-%d})."
            )


class StatementQuerySet(VisibilityQuerySet):
    def published(self):
        """Listed and counted for readers: readable, and in the copy standing for its story."""
        return self.readable().filter(listed_q("article__"))

    def readable(self):
        """What a reader sees of an article's statements: reviewed, in a published article,
        attributed to no one or to a reviewed person, for no organisation or a reviewed one."""
        return self.filter(
            reviewed_or_none("speaker"), reviewed_or_none("speaker_organization"),
            article__status=Article.Status.PUBLISHED, is_reviewed=True,
        )

    def unreviewed(self):
        return self.filter(is_reviewed=False)

    def in_date_order(self, descending: bool = True):
        """By their articles' dates, newest (or oldest) first, ties by id."""
        order = "-" if descending else ""
        return self.order_by(f"{order}article__published_on", f"{order}id")

    def in_articles(self, articles):
        return self.filter(article__in=articles.values("pk"))

    def concerning_company(self, *companies):
        """Said on behalf of one of the `companies`, or said in an article about one of them."""
        about = Article.objects.involving_any("companies", companies)
        return self.filter(Q(speaker_organization__in=companies)
                           | Q(article__in=about.values("pk")))


class Statement(models.Model):
    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct quote"
        PARAPHRASE = "paraphrase", "Paraphrase"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="statements")
    speaker = models.ForeignKey(
        Speaker, on_delete=models.PROTECT, null=True, blank=True, related_name="statements",
        help_text="Leave empty when the article does not name who said it.",
    )
    text = models.TextField("quote")
    speaker_title = models.CharField(
        max_length=300, blank=True, help_text="The speaker's title as printed in this article."
    )
    speaker_organization = models.ForeignKey(
        Company, on_delete=models.PROTECT, null=True, blank=True, related_name="statements",
        help_text="The organisation the speaker spoke for, as printed in this article.",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.DIRECT)
    position = models.PositiveIntegerField(
        default=0, help_text="Order of the statement within the article."
    )
    is_reviewed = models.BooleanField(
        "reviewed", default=True,
        help_text="Off for statements proposed by extraction: readers see only reviewed ones.",
    )
    proposed_by = models.CharField(
        max_length=40, blank=True, editable=False,
        help_text="The extraction rule that proposed it; empty when a person or a file did.",
    )
    confidence = models.FloatField(
        null=True, blank=True, editable=False, help_text="How sure that rule was, from 0 to 1.",
    )
    history = HistoricalRecords()

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position", "id"]
        indexes = [
            models.Index(fields=["speaker", "article"], name="statement_speaker_idx"),
        ]

    def __str__(self):
        speaker = self.speaker.name if self.speaker_id else "Unnamed"
        return f"{speaker}: “{self.text[:60]}”"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#statement-{self.pk}"

    def clean(self):
        if not self.text.strip():
            raise ValidationError({"text": "A statement needs the quoted text."})
