"""Background jobs in the admin: each with its progress bar, log and summary; resume, reindex.

Jobs are written by workers, never edited: the pages are read-only. A page of a job still
running reloads itself every few seconds (a meta refresh, no script), so an editor sees
the bar move, and can leave and come back from the list.
"""

from django.contrib import admin, messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from articles.jobs import Job, JobEntry
from articles.tasks import enqueue, start

# The log shown on a job's page; the rest are counted.
ENTRIES_SHOWN = 1000
REFRESH_SECONDS = 2


def start_reextraction(model_admin, request, title: str, **parameters):
    """An admin action's re-extraction job: started, and the editor taken to its page."""
    with transaction.atomic():
        job = start(Job.Kind.REEXTRACT, title, request.user, **parameters)
    model_admin.message_user(request, f"“{job.title}” will run in the background.",
                             messages.SUCCESS)
    return redirect("admin:articles_job_change", job.pk)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "state_label", "progress", "requested_by", "created_at"]
    list_filter = ["kind", "state"]
    list_select_related = ["requested_by"]
    search_fields = ["title"]
    actions = ["resume"]
    fields = ["title", "kind", "state_label", "requested_by", "created_at", "started_at",
              "finished_at", "summary", "error", "attempt", "task_id"]
    readonly_fields = fields
    change_form_template = "admin/articles/job/change_form.html"
    change_list_template = "admin/articles/job/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_resume_permission(self, request):
        return request.user.has_perm("articles.change_job")

    def get_urls(self):
        own = [
            path("<int:object_id>/resume/", self.admin_site.admin_view(self.resume_view),
                 name="articles_job_resume"),
            path("reindex/", self.admin_site.admin_view(self.reindex_view),
                 name="articles_job_reindex"),
        ]
        return own + super().get_urls()

    @admin.display(description="State")
    def state_label(self, job):
        if job.is_stalled:
            return "Stalled: its worker stopped (resume it)"
        return job.get_state_display()

    @admin.display(description="Progress")
    def progress(self, job):
        return render_to_string("admin/articles/job/progress.html", {"job": job})

    def changelist_view(self, request, extra_context=None):
        working = Job.objects.active().exclude(pk__in=Job.objects.stalled().values("pk"))
        extra_context = {**(extra_context or {}), "has_active_jobs": working.exists()}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = get_object_or_404(Job, pk=object_id)
        failures = job.entries.filter(level=JobEntry.Level.FAILURE)
        notes = job.entries.filter(level=JobEntry.Level.NOTE)
        extra_context = {
            **(extra_context or {}), "job": job, "refresh_seconds": REFRESH_SECONDS,
            "failures": failures[:ENTRIES_SHOWN], "failure_count": failures.count(),
            "notes": notes[:ENTRIES_SHOWN], "note_count": notes.count(),
            "entries_shown": ENTRIES_SHOWN,
            "can_resume": job.can_resume and self.has_resume_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description="Resume the selected stalled or failed jobs",
                  permissions=["resume"])
    def resume(self, request, queryset):
        resumed = 0
        for job in queryset:
            if job.can_resume:
                with transaction.atomic():
                    enqueue(job)
                resumed += 1
        self.message_user(request, ngettext(
            "%(count)d job resumed.", "%(count)d jobs resumed.", resumed) % {"count": resumed},
            messages.SUCCESS if resumed else messages.WARNING)

    def resume_view(self, request, object_id):
        return require_POST(self._resume_one)(request, object_id)

    def _resume_one(self, request, object_id):
        job = get_object_or_404(Job, pk=object_id)
        if not self.has_resume_permission(request):
            return redirect("admin:index")
        if job.can_resume:
            with transaction.atomic():
                enqueue(job)
            self.message_user(request, "The job was resumed: it goes on from its last "
                                       "reported item.", messages.SUCCESS)
        else:
            self.message_user(request, "Only a failed or stalled job can be resumed.",
                              messages.WARNING)
        return redirect("admin:articles_job_change", job.pk)

    def reindex_view(self, request):
        return require_POST(self._reindex)(request)

    def _reindex(self, request):
        if not request.user.has_perm("articles.add_job"):
            return redirect("admin:index")
        with transaction.atomic():
            job = start(Job.Kind.REINDEX, "Search index rebuild", request.user)
        return redirect("admin:articles_job_change", job.pk)
