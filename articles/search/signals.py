"""Which changes touch which index entries.

An article's entry holds the names and aliases of its countries, companies, sectors and
quoted speakers; a statement's entry holds its speaker's and organisation's names. So a
change to any of those refreshes the entries that mention them.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from articles.models import Article, Company, Country, Sector, Speaker, Statement
from articles.search.entities import invalidate_gazetteer
from articles.search.indexing import schedule


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
def article_changed(sender, instance, **kwargs):
    schedule(Article, [instance.pk])


@receiver(post_save, sender=Statement)
@receiver(post_delete, sender=Statement)
def statement_changed(sender, instance, **kwargs):
    schedule(Statement, [instance.pk])
    schedule(Article, [instance.article_id])


@receiver(m2m_changed, sender=Article.countries.through)
@receiver(m2m_changed, sender=Article.companies.through)
@receiver(m2m_changed, sender=Article.sectors.through)
def article_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:
        if action.startswith("post_"):
            schedule(Article, [instance.pk])
    elif action == "pre_clear":
        # Seen from the entity: after the clear there is no telling which articles it had.
        schedule(Article, instance.articles.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove"):
        schedule(Article, pk_set)


@receiver(post_save, sender=Country)
@receiver(post_save, sender=Sector)
def entity_renamed(sender, instance, created, **kwargs):
    if not created:
        schedule(Article, instance.articles.values_list("pk", flat=True))


@receiver(post_save, sender=Company)
def company_renamed(sender, instance, created, **kwargs):
    if not created:
        # Reviewing it also shows its statements, whose speakers their articles' entries name.
        statements = instance.statements.values_list("pk", "article_id")
        schedule(Article, [*instance.articles.values_list("pk", flat=True),
                           *(article_id for _, article_id in statements)])
        schedule(Statement, [pk for pk, _ in statements])


@receiver(post_save, sender=Speaker)
def speaker_renamed(sender, instance, created, **kwargs):
    if not created:
        statements = instance.statements.values_list("pk", "article_id")
        schedule(Statement, [pk for pk, _ in statements])
        schedule(Article, [article_id for _, article_id in statements])


@receiver(post_save, sender=Country)
@receiver(post_save, sender=Company)
@receiver(post_save, sender=Speaker)
@receiver(post_save, sender=Sector)
@receiver(post_delete, sender=Country)
@receiver(post_delete, sender=Company)
@receiver(post_delete, sender=Speaker)
@receiver(post_delete, sender=Sector)
def entity_names_changed(sender, **kwargs):
    invalidate_gazetteer()
