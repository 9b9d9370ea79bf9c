"""sitemap.xml: published articles and the entity pages that have published articles."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef

from articles.models import Article, Company, Country, Sector, Source, Speaker, Statement


def with_published_articles(model, relation):
    links = relation.through.objects.filter(article__status=Article.Status.PUBLISHED)
    field = relation.field.m2m_reverse_field_name()
    return model.objects.filter(Exists(links.filter(**{field: OuterRef("pk")})))


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
    "companies": EntitySitemap(with_published_articles(Company, Article.companies)
                               .filter(is_reviewed=True).order_by("name")),
    "countries": EntitySitemap(with_published_articles(Country, Article.countries)
                               .order_by("name")),
    "sectors": EntitySitemap(with_published_articles(Sector, Article.sectors).order_by("name")),
    "speakers": EntitySitemap(Speaker.objects.filter(is_reviewed=True).filter(Exists(
        Statement.objects.published().filter(speaker=OuterRef("pk")))).order_by("name")),
    "sources": EntitySitemap(Source.objects.filter(Exists(
        Article.objects.published().filter(source=OuterRef("pk")))).order_by("name")),
}
