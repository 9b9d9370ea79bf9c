"""One page of every kind a reader (and an editor) sees, on the sample archive: what the
HTML validator, axe-core and the screenshots go through."""

from articles.models import Article, Company, Sector, Source, Speaker, Story


def reader_pages() -> dict[str, str]:
    """name -> path: each list, a search with and without results, the compact view, an
    unreadable filter, each entity page, a story, and the 404 page."""
    article = Article.objects.published().order_by("pk").first()
    company = Company.objects.published().order_by("pk").first()
    speaker = Speaker.objects.published().order_by("pk").first()
    story = Story.objects.filter(articles__status=Article.Status.PUBLISHED).order_by("pk").first()
    pages = {
        "home": "/",
        "articles": "/articles/",
        "search": "/articles/?q=turbines",
        "search-empty": "/articles/?q=botas&country=RU",
        "articles-table": "/articles/?view=table&per_page=50",
        "articles-bad-date": "/articles/?published_after=2024-13-45",
        "article": article.get_absolute_url(),
        "statements": "/statements/",
        "statements-search": "/statements/?q=pipeline",
        "statements-table": "/statements/?view=table",
        "companies": "/companies/",
        "company": company.get_absolute_url(),
        "speakers": "/speakers/",
        "speaker": speaker.get_absolute_url(),
        "countries": "/countries/",
        "country": "/countries/ru/",
        "country-pair": "/countries/ru/tr/",
        "sectors": "/sectors/",
        "sector": Sector.objects.filter(parent=None).order_by("pk").first().get_absolute_url(),
        "sources": "/sources/",
        "source": Source.objects.order_by("pk").first().get_absolute_url(),
        "not-found": "/no-such-page/",
    }
    if story:
        pages["story"] = story.get_absolute_url()
    return pages


def admin_pages() -> dict[str, str]:
    """name -> path of the editors' main pages."""
    article = Article.objects.order_by("pk").first()
    company = Company.objects.order_by("pk").first()
    return {
        "admin-index": "/admin/",
        "admin-articles": "/admin/articles/article/",
        "admin-article": f"/admin/articles/article/{article.pk}/change/",
        "admin-review": f"/admin/articles/article/{article.pk}/review/",
        "admin-import": "/admin/articles/article/import/",
        "admin-statements": "/admin/articles/statement/",
        "admin-companies": "/admin/articles/company/",
        "admin-company": f"/admin/articles/company/{company.pk}/change/",
    }
