import statistics

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
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
            "articles table, 200 a page": "/articles/?view=table&per_page=200",
            # Nothing matches: the page looks for names spelt close to the words instead.
            "search without results": "/articles/?q=zzqxw+vlkaro",
            "article": article.get_absolute_url() if article else None,
            "company": company.get_absolute_url() if company else None,
            "speaker": speaker.get_absolute_url() if speaker else None,
            "country": f"/countries/{countries[0].lower()}/" if countries else None,
            "country pair": f"/countries/{countries[0].lower()}/{countries[1].lower()}/"
            if len(countries) > 1 else None,
            "sector": sector.get_absolute_url() if sector else None,
            "source": source.get_absolute_url() if source else None,
            "countries": "/countries/", "sectors": "/sectors/", "companies": "/companies/",
            "speakers": "/speakers/", "sources": "/sources/",
            "feed": "/articles/feed/", "sitemap": "/sitemap.xml"}
    return {name: url for name, url in urls.items() if url}


def use_database(name: str) -> None:
    """Point the default connection at another database of the same server."""
    connections["default"].close()
    current = connections.settings["default"]
    # psycopg's pool belongs to the alias and would keep serving the first database.
    options = {key: value for key, value in current.get("OPTIONS", {}).items() if key != "pool"}
    connections.settings["default"] = {**current, "NAME": name, "OPTIONS": options}
    del connections["default"]
    cache.clear()  # cached counts belong to the database they were counted in


class Command(BaseCommand):
    help = ("Time the server side of each page type a reader opens (no page cache); prints "
            "p50/p95 in ms, and with --compare the ratios against another database.")

    def add_arguments(self, parser):
        parser.add_argument("--repeats", type=int, default=10)
        parser.add_argument("--cold", action="store_true",
                            help="Empty the cache before every request (counts and "
                                 "timelines recomputed each time).")
        parser.add_argument("--compare", metavar="DATABASE",
                            help="Another database on the same server (the baseline, e.g. "
                                 "a 100k corpus); both are timed in this run, page by page.")

    def handle(self, *args, repeats, cold, compare, **options):
        production_like = override_settings(
            DEBUG=False, ARCHIVE_PAGE_CACHE=False,
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
            STORAGES={**settings.STORAGES, "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
        )
        if compare and connection.vendor != "postgresql":
            raise CommandError("--compare needs PostgreSQL (another database on its server).")
        databases = [connection.settings_dict["NAME"], *([compare] if compare else [])]
        with production_like:
            results = self.measure(databases, repeats, cold)
        if len(set(databases)) > 1:
            use_database(databases[0])
        mode = "cache emptied before every request" if cold else "page cache off"
        self.stdout.write(f"{repeats} requests per page after a warm-up; {mode}.")
        for name in databases:
            self.stdout.write(f"{name}: {results[name]['published']} published articles "
                              f"on {connection.vendor}")
        header = f"{'page':<18} {'p50 ms':>8} {'p95 ms':>8}"
        if compare:
            header += f" {'base p50':>9} {'base p95':>9} {'p50 ratio':>9}"
        self.stdout.write(header + "  url")
        main, baseline = results[databases[0]], results.get(compare)
        for page, (url, samples) in main["pages"].items():
            line = f"{page:<18} {statistics.median(samples):8.1f} {percentile(samples, .95):8.1f}"
            if baseline and page in baseline["pages"]:
                base = baseline["pages"][page][1]
                line += (f" {statistics.median(base):9.1f} {percentile(base, .95):9.1f} "
                         f"{statistics.median(samples) / statistics.median(base):9.2f}")
            self.stdout.write(f"{line}  {url}")

    def measure(self, databases, repeats, cold):
        client = Client()
        urls, results = {}, {}
        switch = use_database if len(set(databases)) > 1 else (lambda name: None)
        for name in dict.fromkeys(databases):
            switch(name)
            urls[name] = page_urls()
            results[name] = {"published": Article.objects.published().count(), "pages": {}}
        # Page by page, each database in turn: both see the same moments of a busy machine.
        for page in urls[databases[0]]:
            for name in dict.fromkeys(databases):
                url = urls[name].get(page)
                if url is None:
                    continue
                switch(name)
                client.get(url)  # warm up
                samples = []
                for _ in range(repeats):
                    if cold:
                        cache.clear()
                    samples.append(timed(client.get, url))
                results[name]["pages"][page] = (url, samples)
        return results
