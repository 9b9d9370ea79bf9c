"""Editors split a wrongly grouped copy out of its story and merge two stories that are one."""

from datetime import date

import pytest

from articles.models import Article, Story
from tests.factories import make_article, make_story
from tests.queries import query_count

pytestmark = pytest.mark.django_db


def test_an_editor_sees_a_story_with_every_copy(editor_client):
    story = make_story(make_article(title="Wire original"), make_article(title="Outlet copy"))
    assert "Wire original" in editor_client.get("/admin/articles/story/").content.decode()
    html = editor_client.get(f"/admin/articles/story/{story.pk}/change/").content.decode()
    assert "Wire original" in html and "Outlet copy" in html


def test_taking_a_copy_out_of_its_story_makes_it_stand_alone(editor_client):
    original = make_article(published_on=date(2024, 1, 1))
    copy = make_article(published_on=date(2024, 1, 2))
    wrong = make_article(published_on=date(2024, 1, 3))
    story = make_story(original, copy, wrong)
    editor_client.post("/admin/articles/article/", {
        "action": "split_from_story", "_selected_action": [wrong.pk]})
    wrong.refresh_from_db()
    assert wrong.story_id is None and wrong.is_canonical
    assert set(story.articles.values_list("pk", flat=True)) == {original.pk, copy.pk}


def test_a_story_left_with_one_article_is_dissolved(editor_client):
    original, copy = make_article(), make_article()
    story = make_story(original, copy)
    editor_client.post("/admin/articles/article/", {
        "action": "split_from_story", "_selected_action": [copy.pk]})
    assert not Story.objects.filter(pk=story.pk).exists()
    assert list(Article.objects.filter(story__isnull=False)) == []
    assert Article.objects.published().count() == 2


def test_taking_out_the_canonical_copy_gives_the_story_another(editor_client):
    first, second, third = (make_article(published_on=date(2024, 1, day)) for day in (1, 2, 3))
    make_story(first, second, third)
    editor_client.post("/admin/articles/article/", {
        "action": "split_from_story", "_selected_action": [first.pk]})
    second.refresh_from_db()
    assert second.is_canonical
    assert Article.objects.published().count() == 2


def test_merging_two_stories_leaves_one_with_every_copy_and_one_canonical(editor_client):
    first = make_story(make_article(published_on=date(2024, 1, 5)), make_article())
    second = make_story(make_article(published_on=date(2024, 1, 1)), make_article())
    editor_client.post("/admin/articles/story/", {
        "action": "merge", "_selected_action": [first.pk, second.pk]})
    assert Story.objects.count() == 1
    kept = Story.objects.get()
    assert kept.articles.count() == 4
    assert kept.articles.filter(is_canonical=True).get().published_on == date(2024, 1, 1)


def test_merging_one_story_is_refused(editor_client):
    story = make_story(make_article(), make_article())
    response = editor_client.post("/admin/articles/story/", {
        "action": "merge", "_selected_action": [story.pk]}, follow=True)
    assert "at least two stories" in response.content.decode()


def test_the_story_page_in_the_admin_costs_the_same_queries_with_more_copies(editor_client):
    small = make_story(make_article(), make_article())
    large = make_story(*(make_article() for _ in range(6)))
    assert query_count(editor_client, f"/admin/articles/story/{small.pk}/change/") == \
        query_count(editor_client, f"/admin/articles/story/{large.pk}/change/")
