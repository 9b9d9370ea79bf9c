"""The home page and the article and statement lists and pages."""

from django.shortcuts import get_object_or_404, render

from articles.caching import versioned
from articles.models import (
    Article,
    Company,
    Country,
    Statement,
)
from articles.views.common import (
    article_rows,
    filtered_listings,
    most_covered,
    sector_tree,
    without_empty_parameters,
)


def home(request):
    published = Article.objects.published()

    def entry_points():
        return {
            "article_total": published.count(),
            "statement_total": Statement.objects.published().count(),
            "countries": list(most_covered(Country.objects.all())),
            "companies": list(most_covered(Company.objects.published())),
            "sector_tree": sector_tree(),
        }

    # The counts behind the entry points scan the whole archive: kept until a change.
    context = versioned("home-entry-points", entry_points)
    context["latest"] = article_rows(published).order_by("-published_on", "-id")[:8]
    return render(request, "articles/home.html", context)


@without_empty_parameters
def article_list(request):
    context = filtered_listings(request, articles=Article.objects.published(), with_facets=True)
    context.update(heading="Articles", noun="article", page=context["article_page"],
                   feed_url="article_list_feed", export_url="article_export")
    return render(request, "articles/article_list.html", context)


def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.visible_to(request.user).select_related("source", "source__country"),
        slug=slug,
    )
    # Editors previewing the article see what extraction suggested too; readers never.
    statements = article.statements.visible_to(request.user).select_related(
        "speaker", "speaker_organization")
    copies = Article.objects.visible_to(request.user).filter(story_id=article.story_id).exclude(
        pk=article.pk).select_related("source").order_by("published_on", "pk") \
        if article.story_id else []
    return render(request, "articles/article_detail.html", {
        "article": article,
        "copies": copies,
        "statements": statements,
        "countries": article.countries.all(),
        "companies": article.companies.visible_to(request.user),
        "sectors": article.sectors.select_related("parent"),
    })


@without_empty_parameters
def statement_list(request):
    context = filtered_listings(
        request, statements=Statement.objects.published(), with_facets=True
    )
    context.update(heading="Statements", noun="statement", page=context["statement_page"],
                   feed_url="statement_list_feed", export_url="statement_export")
    return render(request, "articles/statement_list.html", context)
