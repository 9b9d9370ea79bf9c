"""The import page: files uploaded, or pages named by address, imported in the background."""

from django import forms
from django.db import transaction
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse

from articles.ingest.uploads import store_uploads
from articles.jobs import Job
from articles.models import Article, Source
from articles.tasks import enqueue, start
from articles.web_urls import is_web_url

# Pages are fetched one after another by a worker: a paste of a few dozen, not a crawl.
MAX_PAGES = 50


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


class ImportOptionsForm(forms.Form):
    source = forms.ModelChoiceField(Source.objects.all(), required=False,
                                    help_text="Leave empty to use each file's own source.")
    published = forms.DateField(required=False, help_text="For files without a date.",
                                widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(choices=Article.Status.choices, initial=Article.Status.DRAFT)
    extract = forms.BooleanField(required=False, initial=True,
                                 label="Propose statements, speakers and organisations")

    def job_parameters(self) -> dict:
        data = self.cleaned_data
        return {"source": data["source"].pk if data["source"] else None,
                "status": data["status"], "extract": data["extract"],
                "published": data["published"].isoformat() if data["published"] else None}


class ImportForm(ImportOptionsForm):
    files = MultipleFileField(help_text="Text, JSON, JSON Lines, RSS or Atom files, or saved "
                                        "web pages (HTML).")
    field_order = ["files"]


class PageImportForm(ImportOptionsForm):
    urls = forms.CharField(
        label="Web pages", widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=f"Addresses of news pages, one per line (at most {MAX_PAGES}): each page's "
                  "title, date, byline and main text are imported.")
    field_order = ["urls"]

    def clean_urls(self) -> list[str]:
        urls = list(dict.fromkeys(line.strip() for line in self.cleaned_data["urls"].splitlines()
                                  if line.strip()))
        wrong = [url for url in urls if not is_web_url(url)]
        if wrong:
            raise forms.ValidationError(
                "Only http:// and https:// addresses can be imported; not: %(urls)s",
                params={"urls": ", ".join(url[:100] for url in wrong[:5])})
        if len(urls) > MAX_PAGES:
            raise forms.ValidationError(f"At most {MAX_PAGES} pages at a time ({len(urls)} "
                                        "were given).")
        return urls


def import_view(model_admin, request):
    """The files are stored, or the addresses noted, and a background job imports them; the
    editor watches its page. Nothing is read or fetched in the request."""
    if not model_admin.has_add_permission(request):
        return redirect("admin:index")
    posted = request.method == "POST"
    # The page form's fields have a prefix: both forms' ids stay unique on the page.
    pages = posted and "pages-urls" in request.POST
    form = ImportForm(request.POST if posted and not pages else None,
                      request.FILES if posted and not pages else None)
    page_form = PageImportForm(request.POST if pages else None, prefix="pages")
    if pages and page_form.is_valid():
        urls = page_form.cleaned_data["urls"]
        with transaction.atomic():
            job = start(Job.Kind.PAGES, f"Import of {len(urls)} web page{pluralize(len(urls))}: "
                                        f"{urls[0]}{' …' if len(urls) > 1 else ''}",
                        request.user, urls=urls, **page_form.job_parameters())
        return redirect("admin:articles_job_change", job.pk)
    if posted and not pages and form.is_valid():
        files = form.cleaned_data["files"]
        with transaction.atomic():
            job = Job.objects.create(
                kind=Job.Kind.IMPORT, requested_by=request.user,
                title=f"Import of {len(files)} file{pluralize(len(files))}: "
                      f"{', '.join(upload.name for upload in files[:3])}"
                      f"{' …' if len(files) > 3 else ''}")
            job.parameters = {"files": store_uploads(job.pk, files), **form.job_parameters()}
            enqueue(job)
        return redirect("admin:articles_job_change", job.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta, "title": "Import articles", "form": form, "page_form": page_form,
        "recent_jobs": Job.objects.filter(kind__in=[Job.Kind.IMPORT, Job.Kind.PAGES])[:5],
    }
    return TemplateResponse(request, "admin/articles/article/import.html", context)
