"""The Extraction quality page: precision and recall from the editors' review decisions."""

import datetime
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from articles.models import Article, ReviewDecision
from tests.factories import make_article, make_source, make_speaker, make_statement
from tests.test_review_decisions import review

pytestmark = pytest.mark.django_db
QUALITY_URL = "/admin/articles/reviewdecision/quality/"


class TableRows(HTMLParser):
    """Each table row of a page section as {row label: [cell texts]}, by section id."""

    def __init__(self):
        super().__init__()
        self.sections, self.section, self.row, self.cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("id"):
            self.section = self.sections.setdefault(attrs["id"], {})
        elif tag == "tr":
            self.row = []
        elif tag in ("th", "td") and self.row is not None:
            self.cell = ""

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row and self.section is not None:
            self.section[self.row[0]] = self.row[1:]
            self.row = None


def quality_tables(client):
    parser = TableRows()
    parser.feed(client.get(QUALITY_URL).content.decode())
    return parser.sections


def suggested_article(source, rules):
    speaker = make_speaker()
    article = make_article(source=source, status=Article.Status.DRAFT)
    statements = [make_statement(article, speaker=speaker, text=f"Quote {number} of {source}",
                                 is_reviewed=False, proposed_by=rule, confidence=0.5)
                  for number, rule in enumerate(rules)]
    return article, speaker, statements


@pytest.fixture
def reviewed_archive(editor_client):
    """Two sources' articles reviewed through the review page, as editors do."""
    wire, paper = make_source(name="Wire"), make_source(name="Paper")
    article, speaker, (kept, trimmed, also_kept, wrong) = suggested_article(
        wire, ["adjacent-name", "adjacent-name", "pronoun", "pronoun"])
    review(editor_client, article, {
        kept: ("accept", kept.text, speaker), trimmed: ("accept", "Quote 1", speaker),
        also_kept: ("accept", also_kept.text, speaker), wrong: ("reject", wrong.text, speaker)})
    article, speaker, (misattributed,) = suggested_article(paper, ["pronoun"])
    review(editor_client, article, {misattributed: ("accept", misattributed.text, None)},
           missed=[("First missed quote", speaker), ("Second missed quote", speaker)])


def test_the_overall_figures_follow_from_the_decisions(editor_client, reviewed_archive):
    overall = quality_tables(editor_client)["overall"]
    # right 3 (2 accepted, 1 trimmed) of 5 suggestions; 6 statements in all (3 + 1 + 2 missed)
    assert overall["All decisions"] == ["7", "2", "1", "1", "1", "2", "0.60", "0.50"]


def test_the_figures_are_given_per_rule_per_source_and_per_month(editor_client,
                                                                 reviewed_archive):
    ReviewDecision.objects.filter(article__source__name="Paper").update(
        decided_at=timezone.make_aware(datetime.datetime(2026, 10, 15)))
    tables = quality_tables(editor_client)
    assert tables["by-sieve"]["adjacent-name"][-2:] == ["1.00", "—"]
    assert tables["by-sieve"]["pronoun"][:1] == ["3"] and tables["by-sieve"]["pronoun"][-2] \
        == "0.33"
    assert tables["by-source"]["Wire"][-2:] == ["0.75", "1.00"]
    assert tables["by-source"]["Paper"][-2:] == ["0.00", "0.00"]
    assert tables["by-month"]["2026-10"][0] == "3"
    this_month = f"{timezone.now():%Y-%m}"
    assert tables["by-month"][this_month][0] == "4"


def test_with_no_decisions_the_page_says_so(editor_client):
    html = editor_client.get(QUALITY_URL).content.decode()
    assert "No decisions yet." in html


def test_editors_can_read_the_decisions_but_not_rewrite_them(editor_client, reviewed_archive):
    decision = ReviewDecision.objects.first()
    assert editor_client.get("/admin/articles/reviewdecision/").status_code == 200
    assert editor_client.get(
        f"/admin/articles/reviewdecision/{decision.pk}/delete/").status_code == 403
    assert editor_client.get("/admin/articles/reviewdecision/add/").status_code == 403


def test_readers_cannot_open_the_quality_page(client):
    response = client.get(QUALITY_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
