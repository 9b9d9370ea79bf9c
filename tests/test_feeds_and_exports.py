import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from articles.models import Article
from tests.factories import make_article, make_company, make_speaker, make_statement
from tests.queries import query_count

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def archive(db):
    rostec = make_company(name="Rostec")
    kladov = make_speaker(name="Viktor Kladov")
    both = make_article(title="Rostec in Turkey", countries=["RU", "TR"], companies=[rostec])
    make_statement(both, speaker=kladov, speaker_organization=rostec, text="We are ready.")
    make_article(title="Only Greece", countries=["GR"])
    make_article(title="Draft with Rostec", companies=[rostec], status=Article.Status.DRAFT)
    return rostec


def entries(response):
    root = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")], root


def test_the_article_feed_follows_the_same_filters(client, archive):
    response = client.get("/articles/feed/", {"company": "rostec", "country": "tr"})
    assert response["Content-Type"].startswith("application/atom+xml")
    titles, root = entries(response)
    assert titles == ["Rostec in Turkey"]
    assert root.find(f"{ATOM}title").text.startswith("Articles — country Türkiye, company Rostec")


def test_the_statement_feed_lists_quotes_with_their_speaker(client, archive):
    titles, _ = entries(client.get("/statements/feed/", {"country": "ru"}))
    assert titles == ["Viktor Kladov: “We are ready.”"]


def test_feeds_never_show_drafts(client, archive):
    titles, _ = entries(client.get("/articles/feed/"))
    assert "Draft with Rostec" not in titles


def test_lists_link_to_their_feed_and_downloads_with_the_filters(client, archive):
    html = client.get("/articles/", {"country": "tr"}).content.decode()
    assert 'href="/articles/feed/?country=tr"' in html
    assert 'href="/articles/export.csv?country=tr"' in html
    assert 'rel="alternate" type="application/atom+xml"' in html


def test_the_csv_export_streams_the_filtered_rows(client, archive):
    response = client.get("/articles/export.csv", {"country": "tr"})
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="articles_country-tr.csv"'
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [(row["title"], row["countries"], row["companies"]) for row in rows] == [
        ("Rostec in Turkey", "RU;TR", "Rostec")]


def test_the_json_export_of_statements_is_valid_json(client, archive):
    response = client.get("/statements/export.json", {"company": "rostec"})
    rows = json.loads(b"".join(response.streaming_content))
    assert [(r["speaker"], r["text"], r["organization"]) for r in rows] == [
        ("Viktor Kladov", "We are ready.", "Rostec")]
    assert rows[0]["permalink"].startswith("http://testserver/articles/rostec-in-turkey/#")


def test_an_export_with_no_rows_is_still_valid(client, archive):
    for file_format in ("json", "csv"):
        response = client.get(f"/articles/export.{file_format}", {"country": "bg"})
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        expected = "[\n]" if file_format == "json" else "id,slug,title,published,source,"
        assert content.strip().startswith(expected)
        assert len(content.strip().splitlines()) <= 2


def test_an_unknown_format_is_not_found(client):
    assert client.get("/articles/export.xml").status_code == 404


def test_the_csv_starts_with_a_byte_order_mark_so_excel_reads_utf8(client, archive):
    make_article(title="Türkiye talks", countries=["TR"])
    content = b"".join(client.get("/articles/export.csv").streaming_content)
    assert content.startswith(b"\xef\xbb\xbfid,slug,title,")
    assert content.count(b"\xef\xbb\xbf") == 1
    assert "Türkiye talks" in content.decode("utf-8-sig")


def test_downloads_carry_the_ids_of_their_rows(client, archive):
    article = Article.objects.get(title="Rostec in Turkey")
    rows = list(csv.DictReader(io.StringIO(b"".join(
        client.get("/statements/export.csv").streaming_content).decode("utf-8-sig"))))
    statement = article.statements.get()
    assert [(row["id"], row["article_id"], row["speaker_slug"]) for row in rows] == [
        (str(statement.pk), str(article.pk), "viktor-kladov")]
    listed = json.loads(b"".join(client.get("/articles/export.json",
                                            {"country": "ru"}).streaming_content))
    assert [(row["id"], row["slug"]) for row in listed] == [(article.pk, article.slug)]


def test_the_file_name_names_the_filters_it_understood(client, archive):
    response = client.get("/articles/export.json", {
        "q": "Rostec Türkiye!", "country": ["ru", "TR", "zz"], "company": "rostec",
        "published_after": "2020-01-01", "published_before": "soon", "page": "2"})
    assert response["Content-Disposition"] == (
        'attachment; filename="articles_q-rostec-turkiye_country-ru-tr_company-rostec_'
        'from-2020-01-01.json"')
    plain = client.get("/statements/export.csv")
    assert plain["Content-Disposition"] == 'attachment; filename="statements.csv"'


def test_feed_entries_are_dated_by_publication_and_carry_categories(client, archive):
    _, root = entries(client.get("/articles/feed/", {"country": "ru"}))
    [entry] = root.iter(f"{ATOM}entry")
    assert entry.find(f"{ATOM}published").text.startswith("2024-01-01T12:00:00")
    assert entry.find(f"{ATOM}updated").text == entry.find(f"{ATOM}published").text
    terms = [category.get("term") for category in entry.iter(f"{ATOM}category")]
    assert terms == ["Russia", "Türkiye", "Rostec"]
    _, root = entries(client.get("/statements/feed/", {"country": "ru"}))
    [entry] = root.iter(f"{ATOM}entry")
    assert [c.get("term") for c in entry.iter(f"{ATOM}category")] == ["Russia", "Türkiye", "Rostec"]


def test_a_feed_costs_the_same_queries_whatever_its_length(client, archive):
    make_article(title="More", countries=["RU", "TR"], companies=[archive])
    few = query_count(client, "/articles/feed/", {"company": "rostec"})
    for number in range(10):
        make_article(title=f"Even more {number}", countries=["RU"], companies=[archive])
    assert query_count(client, "/articles/feed/", {"company": "rostec"}) == few
    assert query_count(client, "/statements/feed/") <= few + 1


def test_a_feed_shows_a_quote_without_its_attribution_comma(client, archive):
    article = Article.objects.get(title="Rostec in Turkey")
    make_statement(article, text="We have the orders,", speaker=None)
    titles, _ = entries(client.get("/statements/feed/"))
    assert "Unnamed speaker: “We have the orders”" in titles
