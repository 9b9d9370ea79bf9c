"""The import page: files uploaded by an editor, imported in the background."""

from django import forms
from django.db import transaction
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse

from articles.ingest.uploads import store_uploads
from articles.jobs import Job
from articles.models import Article, Source
from articles.tasks import enqueue


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, **kwargs):
        # An empty file among many is reported by the import, not a reason to refuse them all.
        super().__init__(allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ImportForm(forms.Form):
    files = MultipleFileField(help_text="Text, JSON, JSON Lines, RSS or Atom files.")
    source = forms.ModelChoiceField(Source.objects.all(), required=False,
                                    help_text="Leave empty to use each file's own source.")
    published = forms.DateField(required=False, help_text="For files without a date.",
                                widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(choices=Article.Status.choices, initial=Article.Status.DRAFT)
    extract = forms.BooleanField(required=False, initial=True,
                                 label="Propose statements, speakers and organisations")


def import_view(model_admin, request):
    """The files are stored and a background job imports them; the editor watches its page."""
    if not model_admin.has_add_permission(request):
        return redirect("admin:index")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, files = form.cleaned_data, form.cleaned_data["files"]
        with transaction.atomic():
            job = Job.objects.create(
                kind=Job.Kind.IMPORT, requested_by=request.user,
                title=f"Import of {len(files)} file{pluralize(len(files))}: "
                      f"{', '.join(upload.name for upload in files[:3])}"
                      f"{' …' if len(files) > 3 else ''}")
            job.parameters = {
                "files": store_uploads(job.pk, files),
                "source": data["source"].pk if data["source"] else None,
                "status": data["status"], "extract": data["extract"],
                "published": data["published"].isoformat() if data["published"] else None,
            }
            enqueue(job)
        return redirect("admin:articles_job_change", job.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta, "title": "Import articles", "form": form,
        "recent_jobs": Job.objects.filter(kind=Job.Kind.IMPORT)[:5],
    }
    return TemplateResponse(request, "admin/articles/article/import.html", context)
