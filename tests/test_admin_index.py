"""The admin index opens on the review queue: what waits for an editor, oldest first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.admin.queue import SHOWN
from articles.models import Article, Statement
from tests.factories import make_article, make_statement
from tests.queries import query_count

pytestmark = pytest.mark.django_db


def waiting_article(title, days_ago, suggestions=1):
    article = make_article(title=title, status=Article.Status.DRAFT)
    Article.objects.filter(pk=article.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago))
    for number in range(suggestions):
        make_statement(article, text=f"Suggested {number}.", is_reviewed=False)
    return article


def test_the_queue_lists_waiting_articles_the_longest_waiting_first(editor_client):
    newer = waiting_article("Imported yesterday", 1, suggestions=2)
    older = waiting_article("Imported last week", 7)
    reviewed = make_article(title="All reviewed")
    make_statement(reviewed, is_reviewed=True)
    response = editor_client.get("/admin/")
    html = response.content.decode()
    assert "Review queue" in html
    assert html.index("Imported last week") < html.index("Imported yesterday")
    assert "All reviewed" not in html
    assert f'href="/admin/articles/article/{older.pk}/review/"' in html
    assert f'href="/admin/articles/article/{newer.pk}/review/"' in html
    assert "2 suggestions" in html
    assert "2 articles with suggestions waiting" in html
    assert 'href="/admin/articles/article/?suggestions=waiting"' in html


def test_a_long_queue_shows_the_first_ones_and_counts_them_all(editor_client):
    for number in range(SHOWN + 3):
        waiting_article(f"Waiting {number:02d}", 100 - number)
    html = editor_client.get("/admin/").content.decode()
    assert html.count("/review/\"") == SHOWN
    assert f"{SHOWN + 3} articles with suggestions waiting" in html
    assert "Waiting 00" in html and f"Waiting {SHOWN + 2:02d}" not in html


def test_an_empty_queue_says_so(editor_client):
    assert "Nothing is waiting for review." in editor_client.get("/admin/").content.decode()


def test_the_queue_costs_the_same_queries_however_long(editor_client):
    waiting_article("One", 3)
    few = query_count(editor_client, "/admin/")
    for number in range(SHOWN + 5):
        waiting_article(f"More {number}", 2, suggestions=3)
    assert query_count(editor_client, "/admin/") == few + 1  # the count beyond the first page


def test_the_queue_escapes_titles(editor_client):
    waiting_article("<script>alert(1)</script>", 1)
    html = editor_client.get("/admin/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_a_user_without_article_rights_sees_no_queue(client, django_user_model):
    waiting_article("Hidden", 1)
    user = django_user_model.objects.create_user("viewer", password="x" * 20, is_staff=True)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Review queue" not in response.content.decode()
    assert Statement.objects.unreviewed().exists()
