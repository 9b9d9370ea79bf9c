"""The import page: files uploaded by an editor, read and imported."""

import tempfile
from pathlib import Path

from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from articles.ingest.importer import Importer, ImportOptions
from articles.ingest.readers import read_paths
from articles.models import Article, Source


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


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
    if not model_admin.has_add_permission(request):
        return redirect("admin:index")
    form = ImportForm(request.POST or None, request.FILES or None)
    summary = None
    if request.method == "POST" and form.is_valid():
        options = ImportOptions(
            source=form.cleaned_data["source"], status=form.cleaned_data["status"],
            default_published=form.cleaned_data["published"],
            extract=form.cleaned_data["extract"],
        )
        with tempfile.TemporaryDirectory() as folder:
            paths = []
            for number, upload in enumerate(form.cleaned_data["files"]):
                # Uploaded names are the editor's; only their suffix is kept.
                path = Path(folder) / f"{number:04d}{Path(upload.name).suffix.lower()[:10]}"
                with path.open("wb") as destination:
                    for chunk in upload.chunks():
                        destination.write(chunk)
                paths.append((path, upload.name))
            summary = Importer(options).run(uploaded_records(paths))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta, "title": "Import articles", "form": form, "summary": summary,
    }
    return TemplateResponse(request, "admin/articles/article/import.html", context)


def uploaded_records(paths):
    """The records of the uploaded files, reported under the names the editor gave them."""
    for path, name in paths:
        for item in read_paths([path]):
            item.origin = item.origin.replace(str(path), name)
            yield item
