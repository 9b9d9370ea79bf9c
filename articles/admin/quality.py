"""Extraction quality: the editors' review decisions, and the precision and recall they give."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path

from articles.models import ReviewDecision


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(admin.ModelAdmin):
    """A record of what was decided: read, never rewritten — the figures stand on it."""

    list_display = ["decided_at", "outcome", "sieve", "confidence", "article", "editor"]
    list_filter = ["outcome", "sieve", ("article__source", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["article", "editor"]
    date_hierarchy = "decided_at"
    search_fields = ["proposed_text", "final_text", "proposed_speaker", "final_speaker"]
    change_list_template = "admin/articles/reviewdecision/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        quality = path("quality/", self.admin_site.admin_view(self.quality_view),
                       name="articles_reviewdecision_quality")
        return [quality, *super().get_urls()]

    def quality_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        decisions = ReviewDecision.objects.all()
        context = {
            **self.admin_site.each_context(request),
            "opts": ReviewDecision._meta,
            "title": "Extraction quality",
            "overall": decisions.figures(),
            "by_sieve": decisions.exclude(sieve="").figures_by("sieve"),
            "by_source": [(name or "No source", figures) for name, figures in
                          decisions.figures_by("article__source", "article__source__name")],
            "by_month": [(f"{month:%Y-%m}", figures)
                         for month, figures in decisions.figures_by_month()],
        }
        return TemplateResponse(request, "admin/articles/reviewdecision/quality.html", context)
