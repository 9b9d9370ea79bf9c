import pytest
from django.core.management import call_command

from articles.models import Article, Company, Speaker, Statement
from articles.sample import SAMPLE_BYLINE

pytestmark = pytest.mark.django_db


def load(*args):
    call_command("load_sample", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_it_loads_about_twenty_articles_with_people_and_statements():
    load()
    assert 18 <= Article.objects.count() <= 25
    assert Article.objects.published().count() < Article.objects.count()  # drafts to review
    assert Company.objects.filter(parent__isnull=False).exists()
    assert Speaker.objects.filter(roles__isnull=False).distinct().count() >= 10
    assert Statement.objects.filter(speaker__isnull=True).exists()


def test_every_sample_article_is_visibly_labelled_as_fictional():
    load()
    for article in Article.objects.all():
        assert article.byline == SAMPLE_BYLINE
        assert article.summary.startswith("Fictional sample article")
        assert article.source.name.startswith("Sample ")


def test_it_covers_defense_energy_and_rail():
    load()
    families = set(Article.objects.values_list("sectors__parent__slug", flat=True))
    families |= set(Article.objects.values_list("sectors__slug", flat=True))
    assert {"defense", "energy", "rail-and-infrastructure"} <= families


def test_loading_twice_changes_nothing():
    load()
    counts = [model.objects.count() for model in (Article, Company, Speaker, Statement)]
    load()
    assert [model.objects.count() for model in (Article, Company, Speaker, Statement)] == counts


def test_if_empty_leaves_an_archive_with_articles_alone(db):
    Article.objects.create(title="Own article", body="Text.", published_on="2024-01-01")
    load("--if-empty")
    assert Article.objects.count() == 1
