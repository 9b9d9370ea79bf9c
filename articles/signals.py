"""Refuse to delete an entity that articles or companies are still linked to.

Foreign keys to entities use on_delete=PROTECT. Many-to-many links (an article's
countries, companies and sectors; a company's sectors) would otherwise vanish
silently with the entity, so the same protection is applied to them here.
"""

from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from articles.models import Company, Country, Sector


def many_to_many_referrers(instance) -> list:
    """Objects that link to `instance` through a many-to-many field pointing at its model."""
    referrers = []
    for relation in instance._meta.related_objects:
        if relation.many_to_many and not relation.field.model._meta.abstract:
            accessor = getattr(instance, relation.get_accessor_name())
            referrers.extend(accessor.all()[:20])
    return referrers


@receiver(pre_delete, sender=Country)
@receiver(pre_delete, sender=Company)
@receiver(pre_delete, sender=Sector)
def refuse_to_orphan_links(sender, instance, **kwargs):
    referrers = many_to_many_referrers(instance)
    if referrers:
        raise ProtectedError(
            f"Cannot delete {sender._meta.verbose_name} “{instance}”: it is still linked to "
            f"{len(referrers)}{'+' if len(referrers) >= 20 else ''} articles or companies. "
            "Remove those links (or merge it into another entry) first.",
            set(referrers),
        )
