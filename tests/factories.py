"""Small factories for the tests: real rows in the real database, with sensible defaults."""

import itertools
from datetime import date

from django.contrib.auth.models import Group, User

from articles.models import (
    Article,
    Company,
    Country,
    Sector,
    Source,
    Speaker,
    SpeakerRole,
    Statement,
    Story,
)
from articles.permissions import EDITORS_GROUP
from articles.stories import settle

_numbers = itertools.count(1)


def make_source(**fields) -> Source:
    number = next(_numbers)
    fields.setdefault("name", f"Source {number}")
    return Source.objects.create(**fields)


def make_company(**fields) -> Company:
    number = next(_numbers)
    fields.setdefault("name", f"Company {number}")
    sectors = fields.pop("sectors", [])
    company = Company.objects.create(**fields)
    company.sectors.set(sectors)
    return company


def make_speaker(**fields) -> Speaker:
    number = next(_numbers)
    fields.setdefault("name", f"Speaker {number}")
    return Speaker.objects.create(**fields)


def make_role(speaker, **fields) -> SpeakerRole:
    fields.setdefault("title", "director")
    return SpeakerRole.objects.create(speaker=speaker, **fields)


def make_sector(**fields) -> Sector:
    number = next(_numbers)
    fields.setdefault("name", f"Sector {number}")
    return Sector.objects.create(**fields)


def country(code: str) -> Country:
    return Country.objects.get(code=code.upper())


def make_article(
    *, countries=(), companies=(), sectors=(), status=Article.Status.PUBLISHED, **fields
) -> Article:
    number = next(_numbers)
    fields.setdefault("title", f"Article number {number}")
    fields.setdefault("body", f"First paragraph of article {number}.\n\nSecond paragraph.")
    fields.setdefault("published_on", date(2024, 1, 1))
    article = Article.objects.create(status=status, **fields)
    article.countries.set([country(code) if isinstance(code, str) else code for code in countries])
    article.companies.set(companies)
    article.sectors.set(sectors)
    return article


def make_statement(article, **fields) -> Statement:
    fields.setdefault("text", f"Statement number {next(_numbers)}.")
    return Statement.objects.create(article=article, **fields)


def make_editor(username="editor") -> User:
    user = User.objects.create_user(username, password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


def make_story(*articles) -> Story:
    """Group `articles` as copies of one story, as import does when it finds them."""
    story = Story.objects.create()
    Article.objects.filter(pk__in=[article.pk for article in articles]).update(story=story)
    settle([story.pk])
    for article in articles:
        article.refresh_from_db()
    return story
