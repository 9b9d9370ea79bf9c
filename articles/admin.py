"""The editors' tool: curation of articles, statements and the entities they link."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.db.models import Count, Exists, OuterRef, ProtectedError, Q
from django.forms.models import BaseInlineFormSet
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from articles import search
from articles.admin_views import import_view, merge_view, review_view
from articles.merging import merge_companies, merge_speakers
from articles.models import (
    Article,
    Company,
    Country,
    Sector,
    Source,
    Speaker,
    SpeakerRole,
    Statement,
)
from articles.signals import many_to_many_referrers

# Editors paste addresses without a scheme; news sites are served over https.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class NameListField(forms.CharField):
    """Edits a JSON list of names as one name per line."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 40})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        names = []
        for line in (value or "").splitlines():
            name = " ".join(line.split())
            if name and name not in names:
                names.append(name)
        return names


class NameListForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("aliases", "demonyms", "keywords"):
            if name in self.fields:
                old = self.fields[name]
                self.fields[name] = NameListField(
                    required=False, label=old.label, help_text=f"{old.help_text} One per line."
                )


class ReviewActionsMixin:
    """Actions for what extraction proposes: mark reviewed, and (with `merge_into`) merge."""

    merge_into = None

    @admin.action(description="Mark the selected as reviewed", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        changed = 0
        for obj in queryset.filter(is_reviewed=False):
            obj.is_reviewed = True
            obj.save()  # one by one, so that each change is in the history
            changed += 1
        self.message_user(request, f"{changed} marked as reviewed.", messages.SUCCESS)

    @admin.action(description="Merge the selected duplicates…", permissions=["change"])
    def merge(self, request, queryset):
        return merge_view(self, request, queryset, type(self).merge_into)


class ProtectedDeleteMixin:
    """Show many-to-many links as protected objects on the delete page, as foreign keys are.

    The pre_delete guard in articles.signals refuses the deletion anyway; this lets the
    admin say so on the confirmation page instead of failing afterwards.
    """

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        protected = list(protected)
        for obj in objs:
            for referrer in many_to_many_referrers(obj):
                protected.append(f"{referrer._meta.verbose_name.capitalize()}: {referrer}")
        return to_delete, model_count, perms_needed, protected

    def delete_queryset(self, request, queryset):
        try:
            super().delete_queryset(request, queryset)
        except ProtectedError as error:
            self.message_user(request, str(error.args[0]), messages.ERROR)


@admin.register(Country)
class CountryAdmin(ProtectedDeleteMixin, admin.ModelAdmin):
    form = NameListForm
    list_display = ["name", "code", "official_name", "article_count"]
    search_fields = ["name", "code", "official_name", "aliases", "demonyms"]
    ordering = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, country):
        return country.article_count


@admin.register(Sector)
class SectorAdmin(ProtectedDeleteMixin, SimpleHistoryAdmin):
    form = NameListForm
    list_display = ["name", "parent", "slug", "article_count"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "description", "parent__name"]
    ordering = ["parent__name", "name"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    show_facets = admin.ShowFacets.ALWAYS

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, sector):
        return sector.article_count


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["name", "country", "homepage"]
    list_select_related = ["country"]
    search_fields = ["name", "homepage"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Company)
class CompanyAdmin(ReviewActionsMixin, ProtectedDeleteMixin, SimpleHistoryAdmin):
    merge_into = merge_companies
    formfield_overrides = HTTPS_URL_FIELDS
    form = NameListForm
    list_display = ["name", "kind", "country", "parent", "article_count", "is_reviewed"]
    list_filter = ["is_reviewed", "kind", ("country", admin.RelatedOnlyFieldListFilter),
                   "sectors"]
    actions = ["merge", "mark_reviewed"]
    list_select_related = ["country", "parent"]
    search_fields = ["name", "aliases", "description"]
    ordering = ["name"]
    autocomplete_fields = ["country", "parent", "sectors"]
    prepopulated_fields = {"slug": ["name"]}
    show_facets = admin.ShowFacets.ALWAYS

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, company):
        return company.article_count


class SpeakerRoleInline(admin.TabularInline):
    model = SpeakerRole
    extra = 1
    autocomplete_fields = ["organization"]


@admin.register(Speaker)
class SpeakerAdmin(ReviewActionsMixin, SimpleHistoryAdmin):
    merge_into = merge_speakers
    form = NameListForm
    list_display = ["name", "nationality", "statement_count", "is_reviewed"]
    list_filter = ["is_reviewed", ("nationality", admin.RelatedOnlyFieldListFilter)]
    actions = ["merge", "mark_reviewed"]
    list_select_related = ["nationality"]
    search_fields = ["name", "aliases", "roles__title", "roles__organization__name"]
    ordering = ["name"]
    autocomplete_fields = ["nationality"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpeakerRoleInline]
    show_facets = admin.ShowFacets.ALWAYS

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(statement_count=Count("statements"))

    @admin.display(description="Statements", ordering="statement_count")
    def statement_count(self, speaker):
        return speaker.statement_count


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that labels the selected object from the one already loaded.

    Django's widget looks the selected object up again for each widget, which costs one
    query per inline row and relation; the inline's queryset has them joined already.
    """

    preloaded = None

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if self.preloaded is None or selected != {str(self.preloaded.pk)}:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(self.preloaded)
        options.append(self.create_option(name, self.preloaded.pk, label, selected, len(options)))
        return [(None, options, 0)]


class PreloadedRelationsFormSet(BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if form.instance.pk:
            for name, field in form.fields.items():
                widget = getattr(field.widget, "widget", field.widget)
                if isinstance(widget, PreloadedAutocompleteSelect):
                    widget.preloaded = getattr(form.instance, name)
        return form


class StatementInline(admin.StackedInline):
    model = Statement
    formset = PreloadedRelationsFormSet
    extra = 0
    autocomplete_fields = ["speaker", "speaker_organization"]
    fields = [("speaker", "speaker_title", "speaker_organization"), "text", ("kind", "position")]
    ordering = ["position", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker", "speaker_organization")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class FullTextSearchMixin:
    """The changelist search box uses the archive's full-text search, as readers do."""

    def get_search_results(self, request, queryset, search_term):
        query = search.parse(search_term)
        if not query.is_usable:
            return queryset, False
        backend = search.backend()
        match = backend.filter_articles if queryset.model is Article else backend.filter_statements
        return match(queryset, query), False


class ArticleForm(forms.ModelForm):
    publish_unreviewed = forms.BooleanField(
        required=False, label="Publish with suggestions still unreviewed",
        help_text="Readers see only reviewed statements; tick to publish anyway.",
    )

    def clean(self):
        cleaned = super().clean()
        unreviewed = self.instance.pk and self.instance.statements.unreviewed().exists()
        if (cleaned.get("status") == Article.Status.PUBLISHED and unreviewed
                and self.instance.status != Article.Status.PUBLISHED
                and not cleaned.get("publish_unreviewed")):
            raise forms.ValidationError(
                "This article has suggestions nobody has reviewed yet. Review them first, or "
                "tick “Publish with suggestions still unreviewed”."
            )
        return cleaned


class UnreviewedFilter(admin.SimpleListFilter):
    title = "suggestions"
    parameter_name = "suggestions"

    def lookups(self, request, model_admin):
        return [("waiting", "Waiting for review"), ("none", "All reviewed")]

    def queryset(self, request, queryset):
        waiting = Statement.objects.unreviewed().filter(article=OuterRef("pk"))
        if self.value() == "waiting":
            return queryset.filter(Exists(waiting))
        if self.value() == "none":
            return queryset.exclude(Exists(waiting))
        return queryset


@admin.register(Article)
class ArticleAdmin(FullTextSearchMixin, SimpleHistoryAdmin):
    form = ArticleForm
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["title", "status", "published_on", "source", "statement_count",
                    "suggestions", "updated_at"]
    list_filter = ["status", UnreviewedFilter, ("source", admin.RelatedOnlyFieldListFilter),
                   "sectors"]
    list_select_related = ["source"]
    list_per_page = 50
    search_fields = ["title", "summary", "body", "url"]
    ordering = ["-published_on", "-id"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["source", "countries", "companies", "sectors"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["review_link", "content_hash", "created_at", "updated_at"]
    inlines = [StatementInline]
    actions = ["publish", "unpublish"]
    show_facets = admin.ShowFacets.ALWAYS
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "publish_unreviewed", "review_link",
                           "published_on", "source", "url", "byline"]}),
        ("Text", {"fields": ["summary", "body"]}),
        ("What it is about", {"fields": ["countries", "companies", "sectors"]}),
        ("Record", {"fields": ["content_hash", "created_at", "updated_at"],
                    "classes": ["collapse"]}),
    ]

    def get_urls(self):
        own = [
            path("import/", self.admin_site.admin_view(lambda request: import_view(self, request)),
                 name="articles_article_import"),
            path("<int:object_id>/review/", self.admin_site.admin_view(
                lambda request, object_id: review_view(self, request, object_id)),
                name="articles_article_review"),
        ]
        return own + super().get_urls()

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            statement_count=Count("statements", distinct=True),
            suggestion_count=Count("statements", filter=Q(statements__is_reviewed=False),
                                   distinct=True),
        )

    @admin.display(description="Statements", ordering="statement_count")
    def statement_count(self, article):
        return article.statement_count

    @admin.display(description="To review", ordering="suggestion_count")
    def suggestions(self, article):
        if not article.suggestion_count:
            return "—"
        url = reverse("admin:articles_article_review", args=[article.pk])
        return format_html('<a href="{}">Review {}</a>', url, article.suggestion_count)

    @admin.display(description="Suggestions")
    def review_link(self, article):
        if not article.pk:
            return "—"
        waiting = article.statements.unreviewed().count()
        url = reverse("admin:articles_article_review", args=[article.pk])
        label = f"Review {waiting} suggestions" if waiting else "Nothing waiting; open review"
        return format_html('<a class="button" href="{}">{}</a>', url, label)

    def change_status(self, request, articles, status, verb):
        changed = 0
        for article in articles:
            article.status = status
            article.save()  # one by one, so that each change is in the history
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d article %(verb)s.", "%(count)d articles %(verb)s.", changed)
            % {"count": changed, "verb": verb},
            messages.SUCCESS,
        )

    @admin.action(description="Publish the selected articles", permissions=["change"])
    def publish(self, request, queryset):
        drafts = queryset.exclude(status=Article.Status.PUBLISHED)
        waiting = drafts.filter(Exists(Statement.objects.unreviewed().filter(
            article=OuterRef("pk"))))
        if waiting.exists():
            titles = ", ".join(f"“{a.title}”" for a in waiting[:5])
            self.message_user(
                request, f"Not published, suggestions to review first: {titles}"
                         f"{' and more' if waiting.count() > 5 else ''}.", messages.WARNING)
        self.change_status(request, drafts.exclude(pk__in=waiting.values("pk")),
                           Article.Status.PUBLISHED, "published")

    @admin.action(description="Unpublish the selected articles (back to draft)",
                  permissions=["change"])
    def unpublish(self, request, queryset):
        self.change_status(request, queryset.filter(status=Article.Status.PUBLISHED),
                           Article.Status.DRAFT, "unpublished")


@admin.register(Statement)
class StatementAdmin(ReviewActionsMixin, FullTextSearchMixin, SimpleHistoryAdmin):
    list_display = ["short_text", "speaker", "speaker_organization", "article", "published_on",
                    "is_reviewed"]
    list_filter = [
        "is_reviewed", "kind", "article__status",
        ("speaker_organization", admin.RelatedOnlyFieldListFilter),
    ]
    actions = ["mark_reviewed"]

    list_select_related = ["speaker", "speaker_organization", "article"]
    search_fields = ["text", "speaker__name", "article__title"]
    autocomplete_fields = ["article", "speaker", "speaker_organization"]
    date_hierarchy = "article__published_on"
    show_facets = admin.ShowFacets.ALWAYS

    @admin.display(description="Quote")
    def short_text(self, statement):
        return statement.text[:90] + ("…" if len(statement.text) > 90 else "")

    @admin.display(description="Published", ordering="article__published_on")
    def published_on(self, statement):
        return statement.article.published_on
