"""Merge duplicate speakers or companies: relations move, old names become aliases."""

from django.db import transaction

from articles.models import Article, Company, Speaker, SpeakerRole, Statement
from articles.search.indexing import schedule


def add_aliases(target, duplicates) -> None:
    known = {name.casefold() for name in (target.name, *target.aliases)}
    for duplicate in duplicates:
        for name in (duplicate.name, *duplicate.aliases):
            if name.casefold() not in known:
                target.aliases.append(name)
                known.add(name.casefold())


@transaction.atomic
def merge_speakers(target: Speaker, duplicates: list[Speaker]) -> None:
    duplicates = [d for d in duplicates if d.pk != target.pk]
    Statement.objects.filter(speaker__in=duplicates).update(speaker=target)
    SpeakerRole.objects.filter(speaker__in=duplicates).update(speaker=target)
    add_aliases(target, duplicates)
    target.nationality = target.nationality or next(
        (d.nationality for d in duplicates if d.nationality), None)
    target.save()
    ids = [d.pk for d in duplicates]
    # The statements moved by update() sent no signals: refresh their index entries.
    touched = Statement.objects.filter(speaker=target)
    refresh_index(touched, Article.objects.filter(statements__in=touched))
    Speaker.objects.filter(pk__in=ids).delete()


@transaction.atomic
def merge_companies(target: Company, duplicates: list[Company]) -> None:
    duplicates = [d for d in duplicates if d.pk != target.pk]
    ids = [d.pk for d in duplicates]
    through = Article.companies.through
    linked = set(through.objects.filter(company=target).values_list("article_id", flat=True))
    moved = through.objects.filter(company_id__in=ids)
    moved_articles = set(moved.values_list("article_id", flat=True))
    through.objects.bulk_create(
        [through(article_id=pk, company=target) for pk in moved_articles - linked]
    )
    moved.delete()
    Statement.objects.filter(speaker_organization_id__in=ids).update(speaker_organization=target)
    SpeakerRole.objects.filter(organization_id__in=ids).update(organization=target)
    Company.objects.filter(parent_id__in=ids).exclude(pk=target.pk).update(parent=target)
    for duplicate in duplicates:
        target.sectors.add(*duplicate.sectors.all())
        duplicate.sectors.clear()
    add_aliases(target, duplicates)
    target.country = target.country or next((d.country for d in duplicates if d.country), None)
    if target.parent_id in ids:
        target.parent = None
    target.save()
    refresh_index(Statement.objects.filter(speaker_organization=target),
                  Article.objects.filter(pk__in=moved_articles))
    Company.objects.filter(pk__in=ids).delete()


def refresh_index(statements, articles) -> None:
    schedule(Statement, statements.values_list("pk", flat=True))
    schedule(Article, articles.values_list("pk", flat=True))
