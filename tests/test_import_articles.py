import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.extraction import extract
from articles.ingest.importer import BATCH_SIZE, Importer, ImportOptions, gazetteer_from_database
from articles.ingest.readers import ArticleRecord
from articles.models import Article, Company, Source, Speaker, Statement

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "000_e3544d9ca0214d36.txt"
GOOD_TEXT = (
    "Source: Example Wire\nPublished: 2024-05-02\nURL: https://example.org/frigate\n\n"
    "Shipyard wins frigate order\n\nNordic Yards will build two frigates for Norway.\n\n"
    "\"This order secures 2,000 jobs,\" said Lars Berg, chief executive of Nordic Yards.\n"
)
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Energy Feed</title>
<item><title>Gas deal signed</title><link>https://example.org/gas</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;A supply deal with Turkey.&lt;/p&gt;</description></item>
</channel></rss>"""


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def inbox(tmp_path):
    (tmp_path / "frigate.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "energy.xml").write_text(FEED, encoding="utf-8")
    (tmp_path / "batch.jsonl").write_text(
        json.dumps({"title": "Rail order", "body": "Trains were ordered.",
                    "published": "2024-01-02"}) + "\n{broken\n", encoding="utf-8")
    (tmp_path / "broken.json").write_text("{\"title\": ", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\x00\x00\x00")
    return tmp_path


def test_a_folder_of_mixed_files_is_imported_and_the_bad_ones_reported(inbox):
    code, out, err = run(inbox)
    assert code == 1
    assert "3 created, 0 updated, 0 unchanged, 4 failed" in out
    assert f"{inbox / 'broken.json'}: malformed JSON" in err
    assert f"{inbox / 'batch.jsonl'}:2: malformed JSON" in err
    assert f"{inbox / 'empty.txt'}: empty file" in err
    assert f"{inbox / 'image.txt'}: binary file" in err
    assert set(Article.objects.values_list("title", flat=True)) == {
        "Shipyard wins frigate order", "Gas deal signed", "Rail order"}


def test_headers_give_the_source_date_and_url(inbox):
    run(inbox / "frigate.txt")
    article = Article.objects.get()
    assert (article.source.name, str(article.published_on), article.url) == (
        "Example Wire", "2024-05-02", "https://example.org/frigate")
    assert article.paragraphs[0] == "Nordic Yards will build two frigates for Norway."


def test_imported_articles_are_drafts_with_unreviewed_suggestions(inbox):
    run(inbox / "frigate.txt")
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    statement = Statement.objects.get()
    assert (statement.speaker.name, statement.speaker_title, statement.speaker_organization.name,
            statement.is_reviewed) == ("Lars Berg", "chief executive", "Nordic Yards", False)
    assert not Speaker.objects.get().is_reviewed
    assert not Company.objects.get(name="Nordic Yards").is_reviewed
    assert list(article.countries.values_list("code", flat=True)) == ["NO"]


def test_importing_twice_creates_nothing_new_and_update_refreshes(inbox):
    run(inbox / "frigate.txt")
    code, out, _ = run(inbox / "frigate.txt")
    assert (code, "0 created, 0 updated, 1 unchanged, 0 failed" in out) == (0, True)
    (inbox / "frigate.txt").write_text(GOOD_TEXT.replace("two frigates", "three frigates"))
    _, out, _ = run(inbox / "frigate.txt", "--update")
    assert "1 updated" in out
    assert Article.objects.count() == 1
    assert "three frigates" in Article.objects.get().body


def test_the_same_text_under_another_url_is_a_duplicate(inbox):
    run(inbox / "frigate.txt")
    (inbox / "copy.txt").write_text(GOOD_TEXT.replace("example.org/frigate", "example.org/x"))
    _, out, _ = run(inbox / "copy.txt")
    assert "1 unchanged" in out


def test_a_dry_run_saves_nothing(inbox):
    code, out, _ = run(inbox / "frigate.txt", "--dry-run")
    assert code == 0
    assert out.startswith("Dry run, nothing saved: 1 created")
    assert not Article.objects.exists() and not Speaker.objects.exists()


def test_options_set_status_source_and_default_date(inbox):
    Source.objects.create(name="Agency", slug="agency")
    run(inbox / "batch.jsonl", "--status", "published", "--source", "agency", "--no-extract")
    article = Article.objects.get(title="Rail order")
    assert (article.status, article.source.slug) == ("published", "agency")
    assert not article.statements.exists()


def test_an_unknown_source_or_bad_date_option_is_refused(inbox):
    with pytest.raises(CommandError, match="no source"):
        run(inbox, "--source", "nowhere")
    with pytest.raises(CommandError, match="not a YYYY-MM-DD"):
        run(inbox, "--published", "yesterday")


def test_a_file_that_is_not_utf8_is_read_with_a_fallback_and_a_note(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Café deal\n\nCafé owners met.".encode("cp1252"))
    code, _, err = run(tmp_path)
    assert code == 0
    assert "not UTF-8; read as Windows-1252" in err
    assert Article.objects.get().title == "Café deal"


def test_a_missing_file_is_reported(tmp_path):
    code, _, err = run(tmp_path / "nowhere.txt")
    assert code == 1
    assert "no such file or directory" in err


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/samples is not present")
def test_the_shared_sample_arrives_with_four_statements_to_review(tmp_path):
    run(SAMPLE, "--published", "2019-03-01")
    article = Article.objects.get()
    assert article.statements.filter(is_reviewed=False).count() == 4
    assert Company.objects.get(name="United Engine Corporation").aliases == ["UEC"]
    assert Company.objects.get(name="NATO").kind == Company.Kind.ALLIANCE
    assert Company.objects.get(name="Anadolu Agency").kind == Company.Kind.NEWS_AGENCY
    assert set(article.countries.values_list("code", flat=True)) == {"RU", "TR", "GR", "BG"}


def test_imported_articles_are_searchable(inbox, indexed):
    with indexed():
        run(inbox / "frigate.txt", "--status", "published")
    from django.test import Client

    response = Client().get("/articles/", {"q": "frigates"})
    assert [a.title for a in response.context["article_page"].object_list] == [
        "Shipyard wins frigate order"]


FIRST_NAMES = ["Anna", "Boris", "Clara", "Dmitri", "Elif"]
LAST_NAMES = ["Berg", "Holm", "Lind", "Dahl", "Strand", "Aune"]


def quoted_executives(folder: Path, count: int, start: int = 0) -> Path:
    """`count` articles, each quoting a different executive of a different shipyard."""
    folder.mkdir()
    for number in range(start, start + count):
        first, last = FIRST_NAMES[number % 5], LAST_NAMES[number // 5]
        (folder / f"{number:02d}.txt").write_text(
            f"Published: 2024-03-{1 + number % 28:02d}\n\nShipyard order number {number}\n\n"
            f"{first} {last}, chief executive of {first}{last.lower()} Shipyards, said Norway "
            f"had ordered a frigate.\n\n\"We will deliver in {2025 + number},\" {last} said.\n",
            encoding="utf-8")
    return folder


def test_the_queries_of_an_import_do_not_grow_with_its_articles(tmp_path):
    few = quoted_executives(tmp_path / "few", 3, start=2)
    many = quoted_executives(tmp_path / "many", 25, start=5)
    # An import first, so that neither is the first of the test's run.
    run(quoted_executives(tmp_path / "warm-up", 2))
    counts = []
    for folder in (few, many):
        with CaptureQueriesContext(connection) as queries:
            code, out, _ = run(folder)
        assert code == 0, out
        counts.append(len(queries))
    assert Statement.objects.filter(speaker__name="Elif Aune").count() == 1
    assert counts[0] == counts[1]


@pytest.fixture
def database_refusing_poison():
    """A trigger, so that the database itself refuses one article of a batch."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN "
                "IF NEW.title LIKE '%poison%' THEN RAISE EXCEPTION 'refused by the database'; "
                "END IF; RETURN NEW; END $$ LANGUAGE plpgsql")
            cursor.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON articles_article "
                           "FOR EACH ROW EXECUTE FUNCTION refuse_poison()")
        else:
            cursor.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON articles_article "
                           "WHEN NEW.title LIKE '%poison%' "
                           "BEGIN SELECT RAISE(ABORT, 'refused by the database'); END")


def test_an_article_the_database_refuses_costs_only_itself(tmp_path, database_refusing_poison):
    folder = quoted_executives(tmp_path / "inbox", 3)
    (folder / "01.txt").write_text(
        (folder / "01.txt").read_text().replace("Shipyard order", "Shipyard poison order"))
    code, out, err = run(folder)
    assert code == 1
    assert "2 created, 0 updated, 0 unchanged, 1 failed" in out
    assert f"{folder / '01.txt'}: could not be saved" in err
    assert "refused by the database" in err
    assert Statement.objects.count() == 2
    # Nothing half-done: the refused article's speaker and shipyard are not left behind.
    assert not Speaker.objects.filter(name="Boris Berg").exists()
    assert not Company.objects.filter(name="Borisberg Shipyards").exists()


def test_a_text_twice_in_one_import_is_saved_once(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD_TEXT.replace("URL: https://example.org/frigate\n", ""),
                                    encoding="utf-8")
    code, out, _ = run(tmp_path)
    assert (code, "1 created, 0 updated, 1 unchanged, 0 failed" in out) == (0, True)


def test_a_dry_run_counts_a_repeated_text_as_the_real_run_would(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD_TEXT, encoding="utf-8")
    _, out, _ = run(tmp_path, "--dry-run")
    assert "1 created, 0 updated, 1 unchanged, 0 failed" in out
    assert not Article.objects.exists()


def test_the_import_is_recorded_in_the_history_with_its_links(inbox):
    run(inbox / "frigate.txt")
    article = Article.objects.get()
    entry = article.history.get()
    assert entry.history_change_reason == f"imported from {inbox / 'frigate.txt'}"
    assert [link.country_id for link in entry.countries.all()] == ["NO"]
    assert [link.company.name for link in entry.companies.all()] == ["Nordic Yards"]
    assert Statement.history.filter(article_id=article.pk).count() == 1
    assert Speaker.history.filter(name="Lars Berg").count() == 1


def test_an_update_keeps_reviewed_statements_and_does_not_suggest_them_again(inbox):
    run(inbox / "frigate.txt")
    Statement.objects.update(is_reviewed=True)
    (inbox / "frigate.txt").write_text(
        GOOD_TEXT + "\n\"Norway is a loyal customer,\" Berg added.\n", encoding="utf-8")
    _, out, _ = run(inbox / "frigate.txt", "--update")
    assert "1 updated" in out
    statements = Article.objects.get().statements.order_by("position")
    assert [(s.position, s.is_reviewed, s.text) for s in statements] == [
        (1, True, "This order secures 2,000 jobs,"),
        (2, False, "Norway is a loyal customer,"),
    ]


def test_an_overlong_url_or_malformed_statements_are_reported_per_record(tmp_path):
    rows = [
        {"title": "Long link", "body": "Text.", "url": "https://example.org/" + "x" * 1000},
        {"title": "Odd export", "body": "Text.", "statements": [{"speaker": "Lars Berg"}]},
        {"title": "Fine", "body": "Text.", "published": "2024-01-02"},
    ]
    (tmp_path / "rows.jsonl").write_text("\n".join(map(json.dumps, rows)), encoding="utf-8")
    code, out, err = run(tmp_path)
    assert code == 1
    assert "1 created, 0 updated, 0 unchanged, 2 failed" in out
    assert "rows.jsonl:1: URL longer than 1000 characters" in err
    assert "rows.jsonl:2: its companies or statements are not in the form" in err


def test_a_large_import_goes_in_batches_and_reports_progress_after_each():
    records = [ArticleRecord(title=f"Hull {number} delivered", origin=f"wire:{number}",
                             body=f"Nordic Yards delivered hull {number} to Norway.",
                             published=date(2024, 1, 2))
               for number in range(BATCH_SIZE + 20)]
    progress = []
    summary = Importer(ImportOptions()).run(iter(records), progress=progress.append)
    assert progress == [BATCH_SIZE, 20]
    assert (summary.created, summary.failed) == (BATCH_SIZE + 20, 0)
    assert Article.objects.filter(countries="NO").count() == BATCH_SIZE + 20


def test_one_import_creates_one_company_however_its_articles_spell_it(tmp_path):
    for number, spelling in enumerate(["Nordic Yards", "NORDIC YARDS", "Nordíc Yards"]):
        (tmp_path / f"{number}.txt").write_text(
            f"Order {number}\n\n\"We are hiring welders now,\" said Lars Berg, chief executive of "
            f"{spelling}.\n", encoding="utf-8")
    run(tmp_path)
    assert list(Company.objects.values_list("name", flat=True)) == ["Nordic Yards"]
    assert Speaker.objects.count() == 1


def test_an_article_extraction_fails_on_is_saved_without_suggestions(inbox, monkeypatch):
    def broken_rule(title, body, gazetteer):
        raise ValueError("a rule fell over")

    # Fault injection: no known text breaks extraction, and the import must survive one.
    monkeypatch.setattr("articles.ingest.extracting.extract", broken_rule)
    code, out, err = run(inbox / "frigate.txt")
    assert (code, "1 created, 0 updated, 0 unchanged, 0 failed" in out) == (0, True)
    assert "extraction failed (ValueError('a rule fell over')); saved without suggestions" in err
    assert Article.objects.get().title == "Shipyard wins frigate order"
    assert not Statement.objects.exists()


def test_each_suggestion_keeps_the_rule_that_proposed_it_and_its_confidence(inbox):
    run(inbox)
    article = Article.objects.get(title="Shipyard wins frigate order")
    found = extract(article.title, article.body, gazetteer_from_database()).quotes
    saved = list(article.statements.order_by("position"))
    assert found
    assert [(s.text, s.proposed_by, s.confidence) for s in saved] == [
        (q.text, q.sieve, q.confidence) for q in found]
