"""The review page: an article's suggestions, accepted, corrected or rejected by an editor."""

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import Article, Company, ReviewDecision, Speaker, Statement


class SuggestionForm(forms.Form):
    DECISIONS = [("accept", "Accept"), ("reject", "Reject"), ("later", "Decide later")]

    decision = forms.ChoiceField(choices=DECISIONS, widget=forms.RadioSelect, initial="accept")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    speaker = forms.ModelChoiceField(Speaker.objects.all(), required=False)
    speaker_title = forms.CharField(required=False, max_length=300)

    def __init__(self, *args, statement: Statement, **kwargs):
        super().__init__(*args, **kwargs)
        self.statement = statement
        autocomplete_speaker(self.fields["speaker"])


class MissedStatementForm(forms.Form):
    """A statement the article holds that extraction did not propose."""

    text = forms.CharField(required=False, label="Quote", widget=forms.Textarea(
        attrs={"rows": 3}))
    speaker = forms.ModelChoiceField(Speaker.objects.all(), required=False)
    speaker_title = forms.CharField(required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete_speaker(self.fields["speaker"])


MissedStatementFormSet = forms.formset_factory(MissedStatementForm, extra=1)


def autocomplete_speaker(field):
    field.widget = AutocompleteSelect(Statement._meta.get_field("speaker"), admin.site)
    field.widget.choices = field.choices


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


def review_order(statement: Statement):
    """Least sure first: where the editor's attention pays most."""
    confidence = 1.0 if statement.confidence is None else statement.confidence
    return confidence, statement.position, statement.pk


def review_view(model_admin, request, object_id):
    article = get_object_or_404(Article, pk=object_id)
    if not model_admin.has_change_permission(request, article):
        return redirect("admin:index")
    statements = sorted(article.statements.unreviewed().select_related("speaker"),
                        key=review_order)
    speakers, companies = new_entities(article)
    prefix = "suggestion"
    forms_ = [
        SuggestionForm(request.POST or None, prefix=f"{prefix}-{s.pk}", statement=s, initial={
            "text": s.text, "speaker": s.speaker_id, "speaker_title": s.speaker_title})
        for s in statements
    ]
    missed = MissedStatementFormSet(request.POST or None, prefix="missed")
    entity_forms = [(entity, EntityDecisionForm(
        request.POST or None, prefix=f"{type(entity).__name__.lower()}-{entity.pk}"))
        for entity in (*speakers, *companies)]
    if request.method == "POST" and all(f.is_valid() for f in forms_) and missed.is_valid() \
            and all(f.is_valid() for _, f in entity_forms):
        counts = apply_review(article, request.user, forms_, missed, entity_forms)
        model_admin.message_user(
            request, "{accepted} suggestions accepted, {rejected} rejected, "
                     "{added} missed statements added.".format(**counts), messages.SUCCESS)
        if "_publish" in request.POST:
            return redirect("admin:articles_article_change", article.pk)
        return redirect("admin:articles_article_review", article.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta, "article": article, "title": f"Review: {article.title}",
        "body": marked_body(article, statements),
        "suggestions": list(zip(statements, forms_, strict=True)),
        "missed": missed,
        "entity_forms": entity_forms,
        "media": model_admin.media + missed.media,
    }
    return TemplateResponse(request, "admin/articles/article/review.html", context)


def decision_for(statement: Statement, data: dict) -> str:
    if data["decision"] == "reject":
        return ReviewDecision.Outcome.REJECTED
    if data["speaker"] != statement.speaker:
        return ReviewDecision.Outcome.SPEAKER_CORRECTED
    if data["text"].strip() != statement.text.strip():
        return ReviewDecision.Outcome.TEXT_CORRECTED
    return ReviewDecision.Outcome.ACCEPTED


def speaker_name(speaker) -> str:
    return speaker.name if speaker else ""


@transaction.atomic
def apply_review(article, editor, forms_, missed, entity_forms) -> dict[str, int]:
    """Carry out the editor's decisions, and record each one for the quality figures."""
    counts = {"accepted": 0, "rejected": 0, "added": 0}
    decisions = []
    for form in forms_:
        statement, data = form.statement, form.cleaned_data
        if data["decision"] == "later":
            continue
        decision = ReviewDecision(
            article=article, editor=editor, outcome=decision_for(statement, data),
            sieve=statement.proposed_by, confidence=statement.confidence,
            proposed_text=statement.text, proposed_speaker=speaker_name(statement.speaker))
        if data["decision"] == "reject":
            statement.delete()
            counts["rejected"] += 1
        else:
            statement.text = data["text"]
            statement.speaker = data["speaker"]
            statement.speaker_title = data["speaker_title"]
            statement.is_reviewed = True
            statement.save()
            decision.statement = statement
            decision.final_text, decision.final_speaker = statement.text, speaker_name(
                statement.speaker)
            counts["accepted"] += 1
        decisions.append(decision)
    ReviewDecision.objects.bulk_create(decisions)
    position = article.statements.aggregate(last=Max("position"))["last"] or 0
    added = [
        Statement.objects.create(
            article=article, text=data["text"].strip(), speaker=data["speaker"],
            speaker_title=data["speaker_title"], position=position + number, is_reviewed=True)
        for number, data in enumerate(
            (f.cleaned_data for f in missed if f.cleaned_data.get("text", "").strip()), start=1)
    ]
    ReviewDecision.objects.record_missed(added, editor)
    counts["added"] = len(added)
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
    return counts
