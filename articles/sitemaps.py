"""sitemap.xml: published articles and the entity pages that have published articles."""

from django.contrib.sitemaps import Sitemap

from articles.models import Article, Company, Country, Sector, Source, Speaker


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("-published_on",
                                                                               "-pk")

    def lastmod(self, article):
        return article.updated_at


class EntitySitemap(Sitemap):
    changefreq = "weekly"

    def __init__(self, queryset):
        self.queryset = queryset

    def items(self):
        return self.queryset.all()  # a fresh queryset per request, never cached results


SITEMAPS = {
    "articles": ArticleSitemap,
    **{name: EntitySitemap(model.objects.in_published_articles().order_by("name"))
       for name, model in [("companies", Company), ("countries", Country), ("sectors", Sector),
                           ("speakers", Speaker), ("sources", Source)]},
}
