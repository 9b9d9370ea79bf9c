"""Curation of articles and their statements."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Count, Exists, OuterRef, Q
from django.forms.models import BaseInlineFormSet
from django.template.defaultfilters import pluralize
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from articles.admin.common import HTTPS_URL_FIELDS, FullTextSearchMixin, ReviewActionsMixin
from articles.admin.imports import import_view
from articles.admin.jobs import start_reextraction
from articles.admin.review import review_view
from articles.admin.stories import split_from_story
from articles.models import Article, ReviewDecision, Statement


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


def was_extracted(article: Article) -> bool:
    """Whether extraction proposed statements here, so that one added by hand is its miss."""
    return article.review_decisions.exists() or \
        article.statements.exclude(proposed_by="").exists()


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
    actions = ["publish", "unpublish", "reextract", split_from_story]
    show_facets = admin.ShowFacets.ALWAYS
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "publish_unreviewed", "review_link",
                           "published_on", "source", "url", "byline"]}),
        ("Text", {"fields": ["summary", "body"]}),
        ("What it is about", {"fields": ["countries", "companies", "sectors"]}),
        ("Record", {"fields": ["content_hash", "created_at", "updated_at"],
                    "classes": ["collapse"]}),
    ]

    class Media:
        css = {"all": ["css/admin-articles.css"]}

    def get_urls(self):
        own = [
            path("import/", self.admin_site.admin_view(lambda request: import_view(self, request)),
                 name="articles_article_import"),
            path("<int:object_id>/review/", self.admin_site.admin_view(
                lambda request, object_id: review_view(self, request, object_id)),
                name="articles_article_review"),
        ]
        return own + super().get_urls()

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        article = form.instance
        if formset.model is Statement and formset.new_objects and was_extracted(article):
            ReviewDecision.objects.record_missed(formset.new_objects, request.user)

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


    @admin.action(description="Re-extract the selected articles (in the background)",
                  permissions=["change"])
    def reextract(self, request, queryset):
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        return start_reextraction(
            self, request, f"Re-extraction of {len(ids)} article{pluralize(len(ids))}",
            articles=ids)


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
