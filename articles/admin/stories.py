"""Stories in the admin: an editor sees the copies grouped at import, merges two stories
that are one, and takes a wrongly grouped copy out (the action on articles)."""

from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import ngettext

from articles import stories
from articles.models import Article, Story


class CopyInline(admin.TabularInline):
    model = Article
    fields = ["copy", "source", "published_on", "status", "is_canonical"]
    readonly_fields = fields
    ordering = ["-is_canonical", "published_on", "id"]
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name = "copy"
    verbose_name_plural = "copies (take one out with the articles' action “Take out of its story”)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")

    @admin.display(description="Article")
    def copy(self, article):
        url = reverse("admin:articles_article_change", args=[article.pk])
        return format_html('<a href="{}">{}</a>', url, article.title)


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "copy_count", "created_at"]
    fields = ["created_at"]
    readonly_fields = ["created_at"]
    inlines = [CopyInline]
    actions = ["merge"]
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(copy_count=Count("articles"))

    def has_add_permission(self, request):
        return False  # stories are made by grouping copies, at import or by merging

    @admin.display(description="Copies", ordering="copy_count")
    def copy_count(self, story):
        return story.copy_count

    @admin.action(description="Merge the selected stories into one", permissions=["change"])
    def merge(self, request, queryset):
        chosen = list(queryset)
        if len(chosen) < 2:
            self.message_user(request, "Select at least two stories to merge.", messages.WARNING)
            return
        kept = stories.merge(chosen)
        self.message_user(request, f"{len(chosen)} stories merged into “{kept}”.",
                          messages.SUCCESS)


@admin.action(description="Take out of its story (a wrongly grouped copy)",
              permissions=["change"])
def split_from_story(modeladmin, request, queryset):
    count = stories.split(queryset.filter(story__isnull=False))
    modeladmin.message_user(
        request, ngettext("%(count)d article taken out of its story.",
                          "%(count)d articles taken out of their stories.", count)
        % {"count": count}, messages.SUCCESS)
