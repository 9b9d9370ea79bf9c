"""The fictional sample archive that `make run` shows a new user.

Everything in archive.json is invented (companies, people, sources, quotes) except the
countries and sectors. Loading it twice changes nothing; removing it takes away what it
created and nothing an editor added.
"""

import json
from datetime import date
from pathlib import Path

from django.db import transaction
from django.db.models import ProtectedError
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


def delete_unless_referred_to(rows) -> tuple[int, list[str]]:
    """Delete each row that nothing outside the sample refers to any more; name the others."""
    deleted, kept = 0, []
    for row in rows:
        try:
            with transaction.atomic():
                row.delete()
            deleted += 1
        except ProtectedError:
            kept.append(f"{row._meta.verbose_name} “{row}”")
    return deleted, kept


@transaction.atomic
def remove_sample_archive(path: Path = SAMPLE_FILE) -> tuple[dict[str, int], list[str]]:
    """Delete the sample's articles (with their statements), then its speakers, companies
    and sources unless an editor's own articles, statements or entities now refer to them.
    Returns how many of each were removed and the names of the entries kept."""
    data = json.loads(path.read_text(encoding="utf-8"))
    # The byline marks a sample article: an editor's article of the same title is not one.
    articles = Article.objects.filter(
        slug__in=[slugify(item["title"]) for item in data["articles"]], byline=SAMPLE_BYLINE)
    counts = {"articles": articles.count(),
              "statements": Statement.objects.filter(article__in=articles).count()}
    articles.delete()
    speakers = Speaker.objects.filter(slug__in=[slugify(i["name"]) for i in data["speakers"]])
    counts["speakers"], kept_speakers = delete_unless_referred_to(speakers)
    # Subsidiaries come after their parent in the file: delete them first.
    by_slug = Company.objects.in_bulk([slugify(i["name"]) for i in data["companies"]],
                                      field_name="slug")
    companies = [by_slug[slug] for slug in reversed([slugify(i["name"])
                                                     for i in data["companies"]])
                 if slug in by_slug]
    counts["companies"], kept_companies = delete_unless_referred_to(companies)
    sources = Source.objects.filter(slug__in=[item["slug"] for item in data["sources"]])
    counts["sources"], kept_sources = delete_unless_referred_to(sources)
    return counts, kept_speakers + kept_companies + kept_sources
