"""The fictional sample archive that `make run` shows a new user.

Everything in archive.json is invented (companies, people, sources, quotes) except the
countries and sectors. Loading it twice changes nothing.
"""

import json
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from articles.models import (
    Article,
    Company,
    Country,
    Sector,
    Source,
    Speaker,
    SpeakerRole,
    Statement,
)

SAMPLE_FILE = Path(__file__).with_name("archive.json")
SAMPLE_BYLINE = "Sample archive — fictional content"


def optional_date(text):
    return date.fromisoformat(text) if text else None


@transaction.atomic
def load_sample_archive(path: Path = SAMPLE_FILE) -> dict[str, int]:
    """Create or refresh every sample record; returns how many of each there are."""
    data = json.loads(path.read_text(encoding="utf-8"))
    countries = Country.objects.in_bulk()
    sectors = Sector.objects.in_bulk(field_name="slug")

    for item in data["sources"]:
        Source.objects.update_or_create(slug=item["slug"], defaults={
            "name": item["name"], "homepage": item.get("homepage", ""),
            "country": countries.get(item.get("country")),
        })
    sources = Source.objects.in_bulk(field_name="slug")

    companies = {}
    for item in data["companies"]:
        company, _ = Company.objects.update_or_create(slug=slugify(item["name"]), defaults={
            "name": item["name"], "aliases": item.get("aliases", []), "kind": item["kind"],
            "country": countries.get(item.get("country")),
            "description": item.get("description", ""),
            "parent": companies.get(item.get("parent")),
        })
        company.sectors.set([sectors[slug] for slug in item.get("sectors", [])])
        companies[company.name] = company

    speakers = {}
    for item in data["speakers"]:
        speaker, _ = Speaker.objects.update_or_create(slug=slugify(item["name"]), defaults={
            "name": item["name"], "aliases": item.get("aliases", []),
            "nationality": countries.get(item.get("nationality")),
        })
        for role in item["roles"]:
            SpeakerRole.objects.update_or_create(
                speaker=speaker, title=role["title"],
                organization=companies.get(role.get("organization")),
                defaults={"first_seen": optional_date(role.get("first_seen")),
                          "last_seen": optional_date(role.get("last_seen"))},
            )
        speakers[speaker.name] = speaker

    for item in data["articles"]:
        article, _ = Article.objects.update_or_create(slug=slugify(item["title"]), defaults={
            "title": item["title"], "source": sources[item["source"]],
            "published_on": date.fromisoformat(item["published"]), "status": item["status"],
            "summary": item["summary"], "body": item["body"], "byline": SAMPLE_BYLINE,
        })
        article.countries.set([countries[code] for code in item["countries"]])
        article.companies.set([companies[name] for name in item["companies"]])
        article.sectors.set([sectors[slug] for slug in item["sectors"]])
        article.statements.all().delete()
        # One by one rather than bulk_create, so that the search index hears of each.
        for position, quote in enumerate(item["statements"], start=1):
            Statement.objects.create(
                article=article, position=position, text=quote["text"],
                speaker=speakers.get(quote["speaker"]), speaker_title=quote.get("title", ""),
                speaker_organization=companies.get(quote.get("organization")),
                kind=quote.get("kind", Statement.Kind.DIRECT),
            )

    return {
        "sources": len(data["sources"]), "companies": len(data["companies"]),
        "speakers": len(data["speakers"]), "articles": len(data["articles"]),
        "statements": sum(len(item["statements"]) for item in data["articles"]),
    }
