"""Feeds in the admin: each source's feeds, how their polls went, and polls on demand.

A poll fetches from the outside web, which can take long or hang: "Poll now" queues a
background job (articles/tasks.py) and takes the editor to its page, never fetching in
the request.
"""

from django.contrib import admin, messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.defaultfilters import truncatechars

from articles.admin.common import HTTPS_URL_FIELDS
from articles.models import Feed
from articles.tasks import start_poll

# What the last polls said, shown on a feed's page and in a source's list of feeds.
POLL_RECORD = ["last_fetch_at", "last_success_at", "new_items", "consecutive_failures",
               "next_poll_at", "last_error"]


class FeedInline(admin.TabularInline):
    """A source's feeds on the source's page."""

    model = Feed
    formfield_overrides = HTTPS_URL_FIELDS
    fields = ["url", "is_active", "poll_interval", "last_fetch_at", "last_success_at",
              "new_items", "last_error"]
    readonly_fields = ["last_fetch_at", "last_success_at", "new_items", "last_error"]
    extra = 0


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["url", "source", "is_active", "poll_interval", "last_fetch_at",
                    "last_success_at", "new_items", "error_shown", "next_poll_at"]
    list_filter = ["is_active", ("source", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["source"]
    search_fields = ["url", "source__name"]
    autocomplete_fields = ["source"]
    fields = ["source", "url", "is_active", "poll_interval", *POLL_RECORD]
    readonly_fields = POLL_RECORD
    actions = ["poll_now"]

    @admin.action(description="Poll the selected feeds now (in the background)",
                  permissions=["change"])
    def poll_now(self, request, queryset):
        with transaction.atomic():
            job = start_poll(request.user, queryset.values_list("pk", flat=True))
        self.message_user(request, f"“{job.title}” will run in the background.",
                          messages.SUCCESS)
        return redirect("admin:articles_job_change", job.pk)

    @admin.display(description="Last error")
    def error_shown(self, feed):
        return truncatechars(feed.last_error, 80)
