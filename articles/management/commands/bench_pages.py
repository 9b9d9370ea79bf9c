import statistics

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from articles.benchmark import percentile, timed
from articles.models import Article, Company, Country, Sector, Source, Speaker


def page_urls() -> dict[str, str]:
    """One URL per page type, for entities with the most published content."""
    published = Article.objects.published()
    article = published.order_by("-published_on").first()
    company = Company.objects.filter(articles__in=published[:200]).first()
    speaker = Speaker.objects.filter(statements__article__in=published[:200]).first()
    countries = list(Country.objects.filter(articles__in=published[:200])
                     .values_list("code", flat=True).distinct()[:2])
    sector = Sector.objects.filter(articles__in=published[:200]).first()
    source = Source.objects.filter(articles__in=published[:200]).first()
    urls = {"home": "/", "articles": "/articles/", "statements": "/statements/",
            "articles filtered": f"/articles/?country={countries[0]}" if countries else None,
            "article": article.get_absolute_url() if article else None,
            "company": company.get_absolute_url() if company else None,
            "speaker": speaker.get_absolute_url() if speaker else None,
            "country": f"/countries/{countries[0].lower()}/" if countries else None,
            "country pair": f"/countries/{countries[0].lower()}/{countries[1].lower()}/"
            if len(countries) > 1 else None,
            "sector": sector.get_absolute_url() if sector else None,
            "source": source.get_absolute_url() if source else None,
            "feed": "/articles/feed/", "sitemap": "/sitemap.xml"}
    return {name: url for name, url in urls.items() if url}


class Command(BaseCommand):
    help = "Time the server side of each page type a reader opens; prints p50/p95 in ms."

    def add_arguments(self, parser):
        parser.add_argument("--repeats", type=int, default=10)

    def handle(self, *args, repeats, **options):
        production_like = override_settings(
            DEBUG=False,
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
            STORAGES={**settings.STORAGES, "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
        )
        client = Client()
        results = {}
        with production_like:
            for name, url in page_urls().items():
                client.get(url)  # warm up
                results[name] = (url, [timed(client.get, url) for _ in range(repeats)])
        self.stdout.write(f"{Article.objects.published().count()} published articles on "
                          f"{connection.vendor}; {repeats} requests per page after a warm-up.")
        self.stdout.write(f"{'page':<18} {'p50 ms':>8} {'p95 ms':>8}  url")
        for name, (url, samples) in results.items():
            self.stdout.write(f"{name:<18} {statistics.median(samples):8.1f} "
                              f"{percentile(samples, 0.95):8.1f}  {url}")
