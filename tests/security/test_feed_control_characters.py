"""Characters XML cannot carry never break a feed: cleaned on the way in and on the way out."""

import json
import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article, Statement
from tests.factories import make_article, make_speaker, make_statement

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
CONTROLS = "".join(chr(code) for code in range(32) if chr(code) not in "\t\n\r")
# PostgreSQL refuses NUL in text outright; every other control character can be stored.
STORABLE = CONTROLS.replace("\x00", "")


def stored_with_controls(**fields):
    """An article whose text holds every control character, as an old row or raw SQL would."""
    article = make_article(title="Clean title", **fields)
    Article.objects.filter(pk=article.pk).update(
        title=f"Line one\x0bline two{STORABLE}", summary=f"Summary\x01{STORABLE}")
    make_statement(article, speaker=make_speaker(name="Spea\x0bker"))
    Statement.objects.filter(article=article).update(text=f"Quote\x0b{STORABLE}")
    return article


@pytest.mark.parametrize("query", ["\x01", "\x0b", "a\x00b", "\ufffe", CONTROLS])
@pytest.mark.parametrize("path", ["/articles/feed/", "/statements/feed/"])
def test_a_search_for_a_control_character_still_gives_a_valid_feed(client, path, query):
    make_article(title="Anything")
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    ET.fromstring(response.content)


@pytest.mark.parametrize("path", ["/articles/feed/", "/statements/feed/"])
def test_a_stored_vertical_tab_still_gives_a_valid_feed(client, path):
    stored_with_controls()
    root = ET.fromstring(client.get(path).content)
    titles = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
    assert titles and all("\x0b" not in title for title in titles)


def test_the_article_feed_keeps_the_words_either_side_of_a_line_break(client):
    article = make_article()
    Article.objects.filter(pk=article.pk).update(title="Line one\x0bline\x01 two")
    root = ET.fromstring(client.get("/articles/feed/").content)
    assert root.find(f"{ATOM}entry/{ATOM}title").text == "Line one\nline two"


def test_exports_and_sitemap_hold_no_control_character(client):
    stored_with_controls()
    for path in ("/articles/export.csv", "/statements/export.csv"):
        text = b"".join(client.get(path).streaming_content).decode()
        assert not set(text) & set(CONTROLS)
    for path in ("/articles/export.json", "/statements/export.json"):
        json.loads(b"".join(client.get(path).streaming_content))
    ET.fromstring(client.get("/sitemap-articles.xml").content)


def test_saving_anywhere_drops_control_characters():
    article = make_article(title="Shift\x0bEnter\x01", body="Body\x0cpage\x07.")
    article.refresh_from_db()
    assert (article.title, article.body) == ("Shift\nEnter", "Body\npage.")


def test_an_editor_saving_a_title_with_a_vertical_tab_stores_a_line_break(editor_client):
    from tests.test_admin import article_form_data

    article = make_article(status=Article.Status.DRAFT)
    data = {**article_form_data(article, []), "title": "Word\x0btitle\x01"}
    response = editor_client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Word\ntitle"


def test_imported_text_and_json_lose_their_control_characters(tmp_path):
    (tmp_path / "a.txt").write_text("Published: 2024-01-02\n\nTitle\x0bwith tab\x01\n\n"
                                    "Body\x08 text.\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({
        "title": "JSON\u000b title", "body": "Said \u0001 this.", "published": "2024-01-02",
        "statements": [{"text": "Quote\u000b", "speaker": "Ann\u0002 Lee"}]}) + "\n",
        encoding="utf-8")
    call_command("import_articles", str(tmp_path), stdout=StringIO(), stderr=StringIO())
    assert sorted(Article.objects.values_list("title", "body")) == [
        ("JSON\n title", "Said  this."), ("Title\nwith tab", "Body text.")]
    statement = Statement.objects.get()
    assert (statement.text, statement.speaker.name) == ("Quote\n", "Ann Lee")
