"""The whole archive as JSON Lines, in the form `import_articles` reads back."""

import json
from collections.abc import Iterator

from django.db.models import Prefetch

from articles.models import Article, Company, Statement


def article_rows(batch_size: int = 500) -> Iterator[dict]:
    articles = Article.objects.order_by("pk").select_related("source").prefetch_related(
        "countries", "sectors",
        Prefetch("companies", queryset=Company.objects.select_related("country")),
        Prefetch("statements", queryset=Statement.objects.select_related(
            "speaker", "speaker_organization").order_by("position", "pk")),
    )
    for article in articles.iterator(chunk_size=batch_size):
        yield {
            "title": article.title, "body": article.body, "summary": article.summary,
            "source": article.source.name if article.source else "",
            "published": article.published_on.isoformat(), "url": article.url,
            "byline": article.byline, "status": article.status,
            "countries": [country.code for country in article.countries.all()],
            "companies": [
                {"name": c.name, "aliases": c.aliases, "kind": c.kind,
                 "country": c.country.code if c.country else None}
                for c in article.companies.all()
            ],
            "sectors": [sector.slug for sector in article.sectors.all()],
            "statements": [
                {"speaker": s.speaker.name if s.speaker else None, "text": s.text,
                 "speaker_title": s.speaker_title,
                 "organization": s.speaker_organization.name if s.speaker_organization else None,
                 "kind": s.kind, "position": s.position, "reviewed": s.is_reviewed}
                for s in article.statements.all()
            ],
        }


def write_jsonl(stream) -> int:
    count = 0
    for row in article_rows():
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count
