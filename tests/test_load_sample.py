from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article, Company, Country, Source, Speaker, Statement
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


def remove():
    out = StringIO()
    call_command("load_sample", "--remove", stdout=out)
    return out.getvalue()


def test_remove_takes_away_everything_the_sample_created(client, indexed):
    with indexed():
        load()
    sources = Source.objects.count()
    with indexed():
        output = remove()
    assert "Sample archive removed: 21 articles, 30 statements, 12 speakers, 14 companies, " \
           "3 sources." in output
    assert Source.objects.count() == sources - 3
    for model in (Article, Statement, Speaker, Company):
        assert model.objects.count() == 0
    assert Country.objects.filter(code="TR").exists()  # countries and sectors stay
    assert client.get("/articles/", {"q": "pipeline"}).context["article_page"].object_list == []


def test_remove_keeps_what_an_editor_added_and_what_it_refers_to():
    load()
    halvard = Company.objects.get(name="Halvard Defence Group")
    own = Article.objects.create(title="Our own report", body="Text.", published_on="2024-01-01")
    own.companies.add(halvard)
    own_company = Company.objects.create(name="Our Own Works")
    output = remove()
    assert list(Article.objects.all()) == [own]
    assert set(Company.objects.values_list("name", flat=True)) == {
        "Halvard Defence Group", "Our Own Works"}
    assert own_company.pk in Company.objects.values_list("pk", flat=True)
    assert "Kept, because the archive's own articles or entries still refer to them: " \
           "company or organisation “Halvard Defence Group”." in output


def test_an_editors_article_with_a_sample_title_is_not_the_sample():
    load()
    article = Article.objects.get(title="Halvard chief says European orders outpace production")
    article.byline = "Our correspondent"
    article.save()
    remove()
    assert list(Article.objects.values_list("byline", flat=True)) == ["Our correspondent"]


def test_remove_on_an_archive_without_the_sample_changes_nothing(db):
    Article.objects.create(title="Own article", body="Text.", published_on="2024-01-01")
    assert "removed: 0 articles" in remove()
    assert Article.objects.count() == 1
