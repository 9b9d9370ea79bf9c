"""Refuse to delete an entity that articles or companies are still linked to.

Foreign keys to entities use on_delete=PROTECT. Many-to-many links (an article's
countries, companies and sectors; a company's sectors) would otherwise vanish
silently with the entity, so the same protection is applied to them here.
"""

from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from articles.models import Company, Country, Sector

SHOWN_REFERRERS = 20


def many_to_many_links(instance) -> list[tuple[type, int, list]]:
    """(model, number, first few objects) for each many-to-many relation pointing at instance."""
    links = []
    for relation in instance._meta.related_objects:
        if relation.many_to_many:
            related = getattr(instance, relation.get_accessor_name()).all()
            count = related.count()
            if count:
                links.append((relation.related_model, count, list(related[:SHOWN_REFERRERS])))
    return links


def many_to_many_referrers(instance) -> list:
    return [obj for _, _, objects in many_to_many_links(instance) for obj in objects]


@receiver(pre_delete, sender=Country)
@receiver(pre_delete, sender=Company)
@receiver(pre_delete, sender=Sector)
def refuse_to_orphan_links(sender, instance, **kwargs):
    links = many_to_many_links(instance)
    if links:
        described = " and ".join(
            f"{count} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
            for model, count, _ in links
        )
        raise ProtectedError(
            f"Cannot delete {sender._meta.verbose_name} “{instance}”: it is still linked to "
            f"{described}. Remove those links (or merge it into another entry) first.",
            {obj for _, _, objects in links for obj in objects},
        )
