from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.corpus import CorpusSize, CorpusWriter
from articles.models import Article, CountryListing, SectorListing, Statement

pytestmark = pytest.mark.django_db


def generate(*args):
    call_command("generate_corpus", *args, stdout=StringIO(), stderr=StringIO())


def test_it_writes_the_requested_number_of_articles_with_links_and_statements():
    generate("--articles", "120", "--seed", "3", "--batch-size", "50")
    articles = Article.objects.filter(slug__startswith="corpus-3-")
    assert articles.count() == 120
    assert articles.filter(status=Article.Status.DRAFT).exists()
    assert Statement.objects.filter(article__in=articles).count() > 60
    for article in articles[:20]:
        assert 2 <= len(article.paragraphs) <= 6
        assert article.countries.exists()


def test_the_same_seed_gives_the_same_text_and_another_seed_another():
    def text(seed):
        writer = CorpusWriter(CorpusSize.for_articles(10), seed)
        return [writer.paragraph() for _ in range(5)]

    assert text(4) == text(4)
    assert text(4) != text(5)


def test_a_seed_already_in_the_database_is_refused():
    generate("--articles", "10", "--seed", "5")
    with pytest.raises(CommandError, match="already in this database"):
        generate("--articles", "10", "--seed", "5")


def test_the_corpus_is_searchable_right_away(client):
    generate("--articles", "40", "--seed", "9")
    response = client.get("/articles/", {"q": "pipeline"})
    assert response.context["article_page"].paginator.count > 0


def test_the_corpus_is_listed_under_its_countries_and_sectors_as_its_links_say():
    generate("--articles", "60", "--seed", "6", "--batch-size", "25")
    listed = Article.objects.filter(status=Article.Status.PUBLISHED, is_canonical=True)
    assert set(CountryListing.objects.values_list("article_id", "country_id")) == set(
        listed.values_list("pk", "countries"))
    sectors = {(pk, sector) for pk, sector, parent in
               listed.values_list("pk", "sectors", "sectors__parent")
               for sector in (sector, parent) if sector}
    assert set(SectorListing.objects.values_list("article_id", "sector_id")) == sectors

