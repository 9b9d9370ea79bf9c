"""The admin's own pages: reviewing an article's suggestions, importing files, merging."""

import re
import tempfile
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.ingest.importer import Importer, ImportOptions
from articles.ingest.readers import read_paths
from articles.models import Article, Company, Source, Speaker, Statement

# --- review ----------------------------------------------------------------------------------

class SuggestionForm(forms.Form):
    DECISIONS = [("accept", "Accept"), ("reject", "Reject"), ("later", "Decide later")]

    decision = forms.ChoiceField(choices=DECISIONS, widget=forms.RadioSelect, initial="accept")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "style": "width: 95%"}))
    speaker = forms.ModelChoiceField(Speaker.objects.all(), required=False)
    speaker_title = forms.CharField(required=False, max_length=300)

    def __init__(self, *args, statement: Statement, **kwargs):
        super().__init__(*args, **kwargs)
        self.statement = statement
        speaker = self.fields["speaker"]
        speaker.widget = AutocompleteSelect(Statement._meta.get_field("speaker"), admin.site)
        speaker.widget.choices = speaker.choices


class EntityDecisionForm(forms.Form):
    accept = forms.BooleanField(required=False, initial=True)


def marked_body(article: Article, statements) -> str:
    """The article's text, escaped, with each suggested quote marked."""
    html = escape(article.body)
    for number, statement in enumerate(statements, start=1):
        quote = escape(statement.text)
        if quote and quote in html:
            html = html.replace(
                quote, f'<mark title="Suggestion {number}">{quote}</mark>'
                       f'<sup>[{number}]</sup>', 1)
    paragraphs = [p for p in re.split(r"\n\s*\n", html) if p.strip()]
    return mark_safe("".join(f"<p>{p}</p>" for p in paragraphs))  # noqa: S308 (escaped above)


def new_entities(article: Article):
    speakers = Speaker.objects.filter(is_reviewed=False, statements__article=article).distinct()
    companies = Company.objects.filter(is_reviewed=False, articles=article)
    return list(speakers), list(companies)


def review_view(model_admin, request, object_id):
    article = get_object_or_404(Article, pk=object_id)
    if not model_admin.has_change_permission(request, article):
        return redirect("admin:index")
    statements = list(article.statements.unreviewed().select_related("speaker"))
    speakers, companies = new_entities(article)
    prefix = "suggestion"
    forms_ = [
        SuggestionForm(request.POST or None, prefix=f"{prefix}-{s.pk}", statement=s, initial={
            "text": s.text, "speaker": s.speaker_id, "speaker_title": s.speaker_title})
        for s in statements
    ]
    entity_forms = [(entity, EntityDecisionForm(
        request.POST or None, prefix=f"{type(entity).__name__.lower()}-{entity.pk}"))
        for entity in (*speakers, *companies)]
    if request.method == "POST" and all(f.is_valid() for f in forms_) and \
            all(f.is_valid() for _, f in entity_forms):
        accepted, rejected = apply_review(forms_, entity_forms)
        model_admin.message_user(
            request, f"{accepted} suggestions accepted, {rejected} rejected.", messages.SUCCESS)
        if "_publish" in request.POST:
            return redirect("admin:articles_article_change", article.pk)
        return redirect("admin:articles_article_review", article.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta, "article": article, "title": f"Review: {article.title}",
        "body": marked_body(article, statements),
        "suggestions": list(zip(statements, forms_, strict=True)),
        "entity_forms": entity_forms,
        "media": model_admin.media + (forms_[0].media if forms_ else forms.Media()),
    }
    return TemplateResponse(request, "admin/articles/article/review.html", context)


@transaction.atomic
def apply_review(forms_, entity_forms) -> tuple[int, int]:
    accepted = rejected = 0
    for form in forms_:
        statement, data = form.statement, form.cleaned_data
        if data["decision"] == "reject":
            statement.delete()
            rejected += 1
        elif data["decision"] == "accept":
            statement.text = data["text"]
            statement.speaker = data["speaker"]
            statement.speaker_title = data["speaker_title"]
            statement.is_reviewed = True
            statement.save()
            accepted += 1
    for entity, form in entity_forms:
        if form.cleaned_data["accept"]:
            entity.is_reviewed = True
            entity.save(update_fields=["is_reviewed"])
        elif isinstance(entity, Speaker) and not entity.statements.exists():
            entity.delete()
        elif isinstance(entity, Company):
            entity.articles.clear()
            if not entity.statements.exists() and not entity.roles.exists():
                entity.delete()
    return accepted, rejected


# --- import ----------------------------------------------------------------------------------

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


# --- merge -----------------------------------------------------------------------------------

def merge_view(model_admin, request, queryset, merge):
    """The intermediate page of the merge action: choose which entry the others go into."""
    entries = list(queryset)
    if len(entries) < 2:
        model_admin.message_user(request, "Select at least two entries to merge.",
                                 messages.WARNING)
        return None
    if "target" in request.POST:
        target = next((e for e in entries if str(e.pk) == request.POST["target"]), None)
        if target is not None:
            merge(target, [e for e in entries if e.pk != target.pk])
            model_admin.message_user(
                request, f"Merged {len(entries) - 1} into “{target}”; their names are now "
                         "its aliases.", messages.SUCCESS)
            return None
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta, "title": "Merge duplicates", "entries": entries,
        "action": request.POST.get("action"),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/articles/merge.html", context)
