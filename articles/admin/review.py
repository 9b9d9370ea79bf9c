"""The review page: an article's suggestions, accepted, corrected or rejected by an editor."""

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import Article, Company, Speaker, Statement


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
