"""Curation of the entities articles link: countries, sectors, sources, companies, speakers."""

from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from articles.admin.common import (
    HTTPS_URL_FIELDS,
    NameListForm,
    ProtectedDeleteMixin,
    ReviewActionsMixin,
)
from articles.admin.feeds import FeedInline
from articles.admin.jobs import start_reextraction
from articles.merging import merge_companies, merge_speakers
from articles.models import (
    Company,
    Country,
    Sector,
    Source,
    Speaker,
    SpeakerRole,
)


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
    list_display = ["name", "country", "homepage", "trusted"]
    list_filter = ["trusted"]
    list_select_related = ["country"]
    search_fields = ["name", "homepage"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FeedInline]
    actions = ["reextract"]

    @admin.action(description="Re-extract the articles of the selected sources "
                              "(in the background)", permissions=["change"])
    def reextract(self, request, queryset):
        names = list(queryset.order_by("name").values_list("name", flat=True))
        return start_reextraction(
            self, request, f"Re-extraction of the articles of {', '.join(names)}"[:200],
            sources=list(queryset.values_list("pk", flat=True)))


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
