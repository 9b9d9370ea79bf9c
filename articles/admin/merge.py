"""Merging duplicate companies or speakers into one."""


from django.contrib import admin, messages
from django.template.response import TemplateResponse


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
