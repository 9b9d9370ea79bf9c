"""What the editors' admin pages share: alias fields, review actions, protected deletes, search."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import ProtectedError

from articles import search
from articles.admin.merge import merge_view
from articles.models import (
    Article,
)
from articles.signals import many_to_many_referrers
from articles.xml_text import xml_safe

# Editors paste addresses without a scheme; news sites are served over https.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class NameListField(forms.CharField):
    """Edits a JSON list of names as one name per line."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 40})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        names = []
        # Control characters pasted with a name would break the Atom feed and the exports.
        for line in xml_safe(value or "").splitlines():
            name = " ".join(line.split())
            if name and name not in names:
                names.append(name)
        return names


class NameListForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("aliases", "demonyms", "keywords"):
            if name in self.fields:
                old = self.fields[name]
                self.fields[name] = NameListField(
                    required=False, label=old.label, help_text=f"{old.help_text} One per line."
                )


class ReviewActionsMixin:
    """Actions for what extraction proposes: mark reviewed, and (with `merge_into`) merge."""

    merge_into = None

    @admin.action(description="Mark the selected as reviewed", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        changed = 0
        for obj in queryset.filter(is_reviewed=False):
            obj.is_reviewed = True
            obj.save()  # one by one, so that each change is in the history
            changed += 1
        self.message_user(request, f"{changed} marked as reviewed.", messages.SUCCESS)

    @admin.action(description="Merge the selected duplicates…", permissions=["change"])
    def merge(self, request, queryset):
        return merge_view(self, request, queryset, type(self).merge_into)


class ProtectedDeleteMixin:
    """Show many-to-many links as protected objects on the delete page, as foreign keys are.

    The pre_delete guard in articles.signals refuses the deletion anyway; this lets the
    admin say so on the confirmation page instead of failing afterwards.
    """

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        protected = list(protected)
        for obj in objs:
            for referrer in many_to_many_referrers(obj):
                protected.append(f"{referrer._meta.verbose_name.capitalize()}: {referrer}")
        return to_delete, model_count, perms_needed, protected

    def delete_queryset(self, request, queryset):
        try:
            super().delete_queryset(request, queryset)
        except ProtectedError as error:
            self.message_user(request, str(error.args[0]), messages.ERROR)


class FullTextSearchMixin:
    """The changelist search box uses the archive's full-text search, as readers do."""

    def get_search_results(self, request, queryset, search_term):
        query = search.parse(search_term)
        if not query.is_usable:
            return queryset, False
        backend = search.backend()
        match = backend.filter_articles if queryset.model is Article else backend.filter_statements
        return match(queryset, query), False
