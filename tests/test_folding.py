"""Letters that do not decompose (ı, ø, ł, đ, ß, æ, œ, þ…) fold the same way in Python,
in the index and in the query, on whichever database the suite runs on: CI runs this
file on SQLite and on PostgreSQL, so both give the same answers."""

import pytest
from django.core.management import call_command

from articles.folding import UNDECOMPOSED, fold
from articles.models import Article
from articles.search import backend, parse
from tests.factories import make_article, make_statement

# Written form, how a reader types it without the letter, and a word to carry it.
FOLDING_TABLE = [
    ("hattı", "hatti"), ("ØSTFOLD", "ostfold"), ("Øresund", "oresund"), ("Bjørn", "bjorn"),
    ("Łódź", "lodz"), ("Gdańsk", "gdansk"), ("Đakovo", "dakovo"),
    ("đurđevac", "durdevac"), ("Straße", "strasse"), ("GROẞHAFEN", "grosshafen"),
    ("Ærøskøbing", "aeroskobing"), ("Cœur", "coeur"), ("ŒUVRE", "oeuvre"),
    ("Þórshöfn", "thorshofn"), ("Aðalstræti", "adalstraeti"), ("ħamrun", "hamrun"),
]

pytestmark = pytest.mark.django_db


def found_titles(client, q, url="/articles/"):
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    page = response.context["article_page" if url == "/articles/" else "statement_page"]
    return sorted(row.title if url == "/articles/" else row.article.title
                  for row in page.object_list)


@pytest.fixture
def folding_corpus(indexed):
    with indexed():
        for number, (written, _) in enumerate(FOLDING_TABLE):
            make_article(title=f"Dispatch {number}", body=f"Talks were held in {written} today.")


@pytest.mark.parametrize("number, written, typed",
                         [(n, w, t) for n, (w, t) in enumerate(FOLDING_TABLE)])
def test_the_written_and_the_plain_spelling_find_the_same_article(client, folding_corpus,
                                                                  number, written, typed):
    assert found_titles(client, written) == [f"Dispatch {number}"]
    assert found_titles(client, typed) == [f"Dispatch {number}"]


def test_hatti_and_hattı_find_the_same_articles(client, indexed):
    with indexed():
        make_article(title="Boru hattı", body="The pipeline (boru hattı) opens in May.")
        make_article(title="Hatti line", body="HATTI is the plain spelling.")
        make_article(title="Other", body="Nothing about it.")
    assert found_titles(client, "hatti") == found_titles(client, "hattı") == [
        "Boru hattı", "Hatti line"]


def test_statements_fold_the_same_way(client, indexed):
    with indexed():
        article = make_article(title="Harbour")
        make_statement(article, text="Øresund traffic will double, the minister said.")
    assert found_titles(client, "oresund", "/statements/") == ["Harbour"]
    assert found_titles(client, "Øresund", "/statements/") == ["Harbour"]


def test_snippets_show_the_text_as_written_with_the_match_marked(indexed):
    with indexed():
        article = make_article(title="Bridge", body="The Øresund bridge carries trains.")
    highlights = backend().highlights(Article, [article.pk], parse("oresund"))
    assert "<mark>Øresund</mark>" in highlights[article.pk].snippet


def test_an_edited_article_is_found_by_its_new_words_only(client, indexed):
    with indexed():
        article = make_article(title="Edited", body="Work starts in Łódź.")
    with indexed():
        article.body = "Work starts in Straße 5."
        article.save()
    assert found_titles(client, "lodz") == []
    assert found_titles(client, "strasse") == ["Edited"]


def test_a_rebuilt_index_folds_the_same_way(client, indexed):
    with indexed():
        make_article(title="Rebuilt", body="Ships call at Þórshöfn.")
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert found_titles(client, "thorshofn") == ["Rebuilt"]


def test_python_folding_agrees_with_the_table():
    for written, typed in FOLDING_TABLE:
        assert fold(written) == fold(typed), written
    assert all(fold(letter).isascii() for letter in map(chr, UNDECOMPOSED))
