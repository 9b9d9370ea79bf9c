import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from articles.models import Article
from tests.factories import make_article, make_company, make_speaker, make_statement

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
    assert response["Content-Disposition"] == 'attachment; filename="articles.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
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
        content = b"".join(response.streaming_content).decode()
        expected = "[\n]" if file_format == "json" else "title,published,source,permalink,"
        assert content.strip().startswith(expected)
        assert len(content.strip().splitlines()) <= 2


def test_an_unknown_format_is_not_found(client):
    assert client.get("/articles/export.xml").status_code == 404
