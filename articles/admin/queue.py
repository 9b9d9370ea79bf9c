"""The review queue on the admin index: the articles whose suggestions wait for an editor,
the longest-waiting first, so that the first thing an editor sees is what to do next."""

from django.db.models import Count, Exists, OuterRef, Q

from articles.models import Article, Statement

SHOWN = 10


def review_queue(user) -> dict | None:
    """The first waiting articles and how many wait; None for those who cannot review."""
    if not user.has_perm("articles.change_article"):
        return None
    waiting = Article.objects.filter(
        Exists(Statement.objects.unreviewed().filter(article=OuterRef("pk"))))
    articles = waiting.select_related("source").annotate(
        suggestions=Count("statements", filter=Q(statements__is_reviewed=False)),
    ).order_by("created_at", "pk")[:SHOWN]
    articles = list(articles)
    total = len(articles) if len(articles) < SHOWN else waiting.count()
    return {"articles": articles, "total": total}
