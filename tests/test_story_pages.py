"""Readers see a story once, with the outlets that also published it; counts do not double."""

import re
from datetime import date

import pytest

from articles.models import Article, Country, Source, Statement
from tests.factories import (
    make_article,
    make_company,
    make_sector,
    make_source,
    make_speaker,
    make_statement,
    make_story,
)
from tests.queries import query_count

pytestmark = pytest.mark.django_db


def outlet(name):
    return Source.objects.filter(name=name).first() or make_source(name=name)


def syndicated(copies=2, **fields):
    """A wire story and `copies` republished copies of it, each by its own outlet."""
    original = make_article(title="Wire: gas deal signed", source=outlet("Wire Agency"),
                            published_on=date(2024, 5, 2), **fields)
    others = [make_article(title=f"Gas deal signed ({n})", published_on=date(2024, 5, 3),
                           source=outlet(f"Outlet {n}"), **fields)
              for n in range(1, copies + 1)]
    make_story(original, *others)
    return original, others


def listed_titles(response):
    return [article.title for article in response.context["article_page"].object_list]


def test_the_article_list_shows_a_story_once_with_the_outlets_that_also_published_it(client):
    original, _ = syndicated(copies=2)
    make_article(title="Unrelated news")
    response = client.get("/articles/")
    assert sorted(listed_titles(response)) == ["Unrelated news", original.title]
    html = response.content.decode()
    assert "Also published by" in html and "Outlet 1" in html and "Outlet 2" in html
    assert original.story.get_absolute_url() in html


def test_search_results_show_a_story_once(client, indexed):
    with indexed():
        original, _ = syndicated(copies=3)
    response = client.get("/articles/", {"q": "gas deal"})
    assert listed_titles(response) == [original.title]


def test_a_draft_copy_is_not_named_among_the_outlets(client):
    original, (copy,) = syndicated(copies=1)
    hidden = make_article(title="Draft copy", status=Article.Status.DRAFT,
                          source=make_source(name="Hidden Outlet"))
    make_story(original, copy, hidden)
    html = client.get("/articles/").content.decode()
    also = re.search(r'class="meta also-published">(.*?)</p>', html, re.S).group(1)
    assert "Outlet 1" in also and "Hidden Outlet" not in also


def test_the_statements_of_a_story_are_counted_once(client):
    speaker = make_speaker(name="Ayla Demir")
    original, copies = syndicated(copies=2)
    for article in (original, *copies):
        make_statement(article, speaker=speaker, text="We will deliver the gas.")
    assert Statement.objects.published().count() == 1
    response = client.get("/statements/")
    assert len(response.context["statement_page"].object_list) == 1
    assert client.get("/").context["statement_total"] == 1
    speaker_page = client.get(speaker.get_absolute_url())
    assert len(speaker_page.context["statement_page"].object_list) == 1


def test_facets_and_entity_counts_count_a_story_once(client):
    company = make_company(name="Caspian Gas")
    sector = make_sector(name="Gas pipelines")
    syndicated(copies=2, companies=[company], sectors=[sector], countries=["TR"])
    response = client.get("/articles/")
    facets = {facet.parameter: {v.label: v.count for v in facet.values}
              for facet in response.context["facets"]}
    assert facets["company"] == {"Caspian Gas": 1}
    assert facets["country"] == {Country.objects.get(code="TR").name: 1}
    home = client.get("/")
    assert home.context["article_total"] == 1
    assert [(c.name, c.article_count) for c in home.context["companies"]] == [("Caspian Gas", 1)]
    tree = {parent.name: parent.article_count for parent, _ in home.context["sector_tree"]}
    assert tree["Gas pipelines"] == 1
    company_page = client.get(company.get_absolute_url())
    assert sum(row.values[0] for row in company_page.context["timeline"].rows) == 1


def test_the_story_page_lists_every_published_copy_with_outlet_and_date(client):
    original, copies = syndicated(copies=2)
    draft = make_article(title="Draft copy", status=Article.Status.DRAFT)
    make_story(original, *copies, draft)
    response = client.get(original.story.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for article in (original, *copies):
        assert article.get_absolute_url() in html
    assert "Outlet 2" in html and "3 May 2024" in html
    assert "Draft copy" not in html
    assert [copy.title for copy in response.context["copies"]][0] == original.title


def test_a_copy_keeps_its_own_page_which_names_the_story(client):
    original, (copy,) = syndicated(copies=1)
    response = client.get(copy.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert original.story.get_absolute_url() in html and "Wire Agency" in html


def test_a_story_without_a_published_copy_is_not_found(client):
    first = make_article(status=Article.Status.DRAFT)
    second = make_article(status=Article.Status.DRAFT)
    story = make_story(first, second)
    assert client.get(story.get_absolute_url()).status_code == 404
    assert client.get("/stories/999999/").status_code == 404


def test_the_article_list_costs_the_same_queries_with_more_stories(client):
    syndicated(copies=1)
    few = query_count(client, "/articles/")
    for _ in range(3):
        syndicated(copies=3)
    assert query_count(client, "/articles/") == few


def test_the_story_page_costs_the_same_queries_with_more_copies(client):
    small, _ = syndicated(copies=1)
    large, _ = syndicated(copies=5)
    assert query_count(client, small.story.get_absolute_url()) == \
        query_count(client, large.story.get_absolute_url())
