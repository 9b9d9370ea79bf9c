"""Every text field of the archive's models is saved XML-safe, from the admin or anywhere.

Bulk inserts send no signal: the importer's readers clean what they read themselves.
"""

from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver

from articles.xml_text import xml_safe

TEXT_FIELDS = (models.CharField, models.TextField)


@receiver(pre_save)
def save_text_xml_safe(sender, instance, raw=False, **kwargs):
    if raw or sender._meta.app_label != "articles":
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, TEXT_FIELDS):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, xml_safe(value))
