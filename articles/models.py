
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Length, Upper
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from articles.web_urls import validate_web_url, web_url_or_blank
from articles.xml_text import xml_safe


def unique_slugs(model, texts: list[str], exclude_pk=None, max_length: int = 200) -> list[str]:
    """Slugs for `texts`, used neither by other rows of `model` nor by each other: a query per
    round of candidates, so that an import of a hundred articles asks once, not a hundred times."""
    bases = [slugify(text)[: max_length - 8].strip("-") or "item" for text in texts]
    others = model._default_manager.exclude(pk=exclude_pk)
    taken, checked = set(), set()
    while True:
        chosen = []
        for base in bases:
            candidate, counter = base, 2
            while candidate in taken or candidate in chosen:
                candidate = f"{base}-{counter}"
                counter += 1
            chosen.append(candidate)
        unchecked = set(chosen) - checked
        if not unchecked:
            return chosen
        taken.update(others.filter(slug__in=unchecked).values_list("slug", flat=True))
        checked |= unchecked


def unique_slug(instance, text: str) -> str:
    """A slug for `text` not yet used by another row of the instance's model."""
    return unique_slugs(type(instance), [text], exclude_pk=instance.pk)[0]


class SluggedModel(models.Model):
    """Entities addressed by a slug in URLs; the slug is made from the name when left blank."""

    slug = models.SlugField(max_length=200, unique=True, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)


def alias_list(value) -> list[str]:
    return [alias for alias in (value or []) if alias]


def validate_alias_list(value):
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError("Aliases must be a list of names.")
    if any(xml_safe(item) != item or "\n" in item for item in value):
        raise ValidationError("An alias is one line of text, without control characters.")


# --- what readers may see ------------------------------------------------------------------
#
# One rule, owned by the QuerySets and used by every reader surface (lists, pages, facets,
# filters, counts, search, feeds, exports, sitemap): an anonymous reader sees published
# articles, and of everything extraction proposes only what an editor has reviewed. A
# statement, a role or an article's tag is shown only when everything it names is shown.
# `published()` is what readers' lists and counts hold, `readable()` what a reader may open
# (a story's other copies too), and `visible_to(user)` lets editors preview the rest on the
# pages that offer previews (an article, a company, a speaker).


def may_preview(user) -> bool:
    """Editors see drafts and unreviewed suggestions where a page offers a preview."""
    return user.is_staff


def listed_q(prefix: str = "") -> Q:
    """What readers' lists and counts hold: published articles, each story once (its
    canonical copy). `prefix` reaches articles through a relation ("articles__"): a
    condition joins can use, where a subquery of every listed article would be slow."""
    return Q(**{f"{prefix}status": Article.Status.PUBLISHED, f"{prefix}is_canonical": True})


def reviewed_or_none(relation: str) -> Q:
    """The foreign key `relation` is empty or names a reviewed entity."""
    return Q(**{f"{relation}__isnull": True}) | Q(**{f"{relation}__is_reviewed": True})


def count_of(queryset, field: str):
    """The number of rows of `queryset` pointing at the outer row through `field`.

    A subquery per row shown, not a GROUP BY: grouping would make the database aggregate
    every row before it can take the first page, and the rows keep `queryset`'s own rule.
    """
    rows = queryset.filter(**{field: OuterRef("pk")}).order_by()
    return Coalesce(Subquery(rows.values(field).annotate(n=Count("pk")).values("n")), 0)


class VisibilityQuerySet(models.QuerySet):
    def published(self):
        """What an anonymous reader's lists and counts hold of this model."""
        raise NotImplementedError

    def readable(self):
        """What an anonymous reader may open: the same, unless a model says otherwise."""
        return self.published()

    def visible_to(self, user):
        return self if may_preview(user) else self.readable()


class EntityQuerySet(VisibilityQuerySet):
    """Countries, sectors, sources, companies and speakers: what articles are linked to."""

    # The article relation naming the entity (a many-to-many field of Article).
    article_relation = ""

    def published(self):
        # Countries, sectors and sources are the editors' own: nothing of them awaits review.
        return self.all()

    def in_published_articles(self):
        """Those shown that a published article names: an EXISTS probe of the link table's
        index for each, however many links it has."""
        field = Article._meta.get_field(self.article_relation)
        links = field.remote_field.through.objects.filter(
            listed_q("article__"), **{field.m2m_reverse_field_name(): OuterRef("pk")}
        )
        return self.published().filter(Exists(links))


class ReviewedQuerySet(EntityQuerySet):
    """Organisations and people, which extraction proposes unreviewed: readers see them
    once an editor has reviewed them."""

    def published(self):
        return self.filter(is_reviewed=True)


class CountryQuerySet(EntityQuerySet):
    article_relation = "countries"


class Country(models.Model):
    code = models.CharField("ISO alpha-2 code", max_length=2, primary_key=True)
    name = models.CharField(max_length=100, unique=True)
    official_name = models.CharField(max_length=200, blank=True)
    aliases = models.JSONField(
        default=list, blank=True, validators=[validate_alias_list],
        help_text="Other names the news uses (Turkey, Russian Federation).",
    )
    demonyms = models.JSONField(
        default=list, blank=True, validators=[validate_alias_list],
        help_text="Adjectives for the country and its people (Turkish, Russian).",
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=Q(Exact(Length("code"), 2), Exact(models.F("code"), Upper("code"))),
                name="country_code_is_two_capitals",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("country_detail", args=[self.code.lower()])

    @property
    def all_names(self) -> list[str]:
        return [self.name, *alias_list(self.aliases), *alias_list(self.demonyms)]


class SectorQuerySet(EntityQuerySet):
    article_relation = "sectors"

    def with_subsectors(self, sectors):
        """The given sectors and every subsector of them: a parent sector includes its children."""
        ids = [sector.pk for sector in sectors]
        return self.filter(Q(pk__in=ids) | Q(parent__in=ids))

    def top_level(self):
        return self.filter(parent__isnull=True)


class Sector(SluggedModel):
    name = models.CharField(max_length=100)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        help_text="Leave empty for a top-level sector. Sectors are at most two levels deep.",
    )
    description = models.TextField(blank=True)
    keywords = models.JSONField(
        default=list, blank=True, validators=[validate_alias_list],
        help_text="Words and phrases that put an article in this sector (natural gas, LNG).",
    )
    history = HistoricalRecords()

    objects = SectorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent__isnull=True),
                name="top_sector_name_unique",
            ),
            models.UniqueConstraint(
                fields=["parent", "name"], name="sector_name_unique_within_parent"
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="sector_not_its_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.parent.name} → {self.name}" if self.parent_id else self.name

    def get_absolute_url(self):
        return reverse("sector_detail", args=[self.slug])

    def clean(self):
        if self.parent_id is None:
            return
        if self.parent_id == self.pk:
            raise ValidationError({"parent": "A sector cannot be its own parent."})
        if self.parent.parent_id is not None:
            raise ValidationError(
                {"parent": f"“{self.parent}” is already a subsector; sectors have two levels."}
            )
        if self.pk and self.children.exists():
            raise ValidationError(
                {"parent": "This sector has subsectors, so it must stay at the top level."}
            )


class SourceQuerySet(EntityQuerySet):
    def in_published_articles(self):
        return self.published().filter(
            Exists(Article.objects.published().filter(source=OuterRef("pk"))))


class Source(SluggedModel):
    name = models.CharField(max_length=200, unique=True)
    homepage = models.URLField(blank=True, validators=[validate_web_url])
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="sources"
    )
    trusted = models.BooleanField(
        default=False, help_text="Articles polled from its feeds are published at once; "
                                 "otherwise they wait as drafts for an editor.")
    history = HistoricalRecords()

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=web_url_or_blank("homepage"),
                                   name="source_homepage_is_web_url"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("source_detail", args=[self.slug])


class CompanyQuerySet(ReviewedQuerySet):
    article_relation = "companies"


class Company(SluggedModel):
    class Kind(models.TextChoices):
        COMPANY = "company", "Company"
        STATE_CORPORATION = "state_corporation", "State corporation"
        GOVERNMENT = "government", "Government body"
        ALLIANCE = "alliance", "Alliance or international organisation"
        NEWS_AGENCY = "news_agency", "News agency"
        OTHER = "other", "Other organisation"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.COMPANY)
    aliases = models.JSONField(
        default=list, blank=True, validators=[validate_alias_list],
        help_text="Abbreviations and other spellings (UEC, BOTAS).",
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="companies",
        help_text="Home country.",
    )
    sectors = models.ManyToManyField(Sector, blank=True, related_name="companies")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="subsidiaries",
        help_text="The group or holding it belongs to.",
    )
    website = models.URLField(blank=True, validators=[validate_web_url])
    description = models.TextField(blank=True)
    is_reviewed = models.BooleanField(
        "reviewed", default=True, help_text="Off for organisations proposed by extraction."
    )
    history = HistoricalRecords()

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "company or organisation"
        verbose_name_plural = "companies and organisations"
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="company_not_its_own_parent"
            ),
            models.CheckConstraint(condition=web_url_or_blank("website"),
                                   name="company_website_is_web_url"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("company_detail", args=[self.slug])

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": "A company cannot belong to its own subsidiary."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class SpeakerQuerySet(ReviewedQuerySet):
    def in_published_articles(self):
        """Those shown that a published statement quotes."""
        return self.published().filter(
            Exists(Statement.objects.published().filter(speaker=OuterRef("pk"))))


class Speaker(SluggedModel):
    name = models.CharField(max_length=200)
    aliases = models.JSONField(
        default=list, blank=True, validators=[validate_alias_list],
        help_text="Other spellings and transliterations of the name.",
    )
    nationality = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="speakers"
    )
    description = models.TextField(blank=True)
    is_reviewed = models.BooleanField(
        "reviewed", default=True, help_text="Off for people proposed by extraction."
    )
    history = HistoricalRecords()

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="speaker_name_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("speaker_detail", args=[self.slug])

    def role_on(self, day):
        """The role the speaker held on `day`, from the roles already loaded when prefetched."""
        candidates = [
            role for role in self.roles.all()
            if (role.first_seen is None or role.first_seen <= day)
            and (role.last_seen is None or day <= role.last_seen)
        ]
        return max(candidates, key=lambda role: role.first_seen or day.min, default=None)


class SpeakerRoleQuerySet(VisibilityQuerySet):
    def published(self):
        """A reviewed person's roles, each at no organisation or a reviewed one."""
        return self.filter(reviewed_or_none("organization"), speaker__is_reviewed=True)


class SpeakerRole(models.Model):
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=300)
    organization = models.ForeignKey(
        Company, on_delete=models.PROTECT, null=True, blank=True, related_name="roles"
    )
    first_seen = models.DateField(null=True, blank=True)
    last_seen = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = SpeakerRoleQuerySet.as_manager()

    class Meta:
        ordering = ["speaker", "-first_seen"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_seen__isnull=True)
                | Q(last_seen__isnull=True)
                | Q(first_seen__lte=models.F("last_seen")),
                name="role_seen_dates_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.title}, {self.organization}" if self.organization_id else self.title


# Articles and statements live in their own module; importing it here registers them.
from articles.article_models import Article, Statement, content_hash  # noqa: E402, F401

# The editors' review decisions live in their own module; importing it here registers the model.
from articles.decisions import ReviewDecision  # noqa: E402, F401

# A source's feeds live in their own module; importing it here registers the model.
from articles.feed_models import Feed  # noqa: E402, F401

# The background jobs' records live in their own module; importing it here registers them.
from articles.jobs import Job, JobEntry  # noqa: E402, F401

# The country and sector listings live in their own module; importing it registers them.
from articles.listings import CountryListing, SectorListing  # noqa: E402, F401

# The story models live in their own module; importing them here registers them.
from articles.stories import Story, StoryBand, StorySignature  # noqa: E402, F401
