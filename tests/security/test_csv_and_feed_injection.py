"""Exports and feeds hand stored text on as data: never a formula, never markup."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from articles.exports import spreadsheet_safe
from tests.factories import make_article, make_speaker, make_statement

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A2)",
            "\tTabbed", "\rReturn", "=cmd|' /C calc'!A0"]


def csv_rows(client, path):
    text = b"".join(client.get(path).streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_in_a_title_is_exported_as_text(client, formula):
    make_article(title=formula, byline=formula, summary=formula)
    row = csv_rows(client, "/articles/export.csv")[0]
    for column in ("title", "byline", "summary"):
        assert row[column] == "'" + formula


def test_a_formula_in_a_quote_or_speaker_is_exported_as_text(client):
    article = make_article(title="Plain")
    make_statement(article, text="=1+2", speaker=make_speaker(name="@Handle"),
                   speaker_title="-minus")
    row = csv_rows(client, "/statements/export.csv")[0]
    assert (row["text"], row["speaker"], row["speaker_title"]) == ("'=1+2", "'@Handle",
                                                                  "'-minus")


def test_ordinary_text_is_left_as_it_is():
    assert spreadsheet_safe("Rostec signs a deal = good") == "Rostec signs a deal = good"
    assert spreadsheet_safe("2024-01-01") == "2024-01-01"


def test_the_json_export_keeps_formulas_exactly(client):
    make_article(title="=1+2")
    rows = json.loads(b"".join(client.get("/articles/export.json").streaming_content))
    assert rows[0]["title"] == "=1+2"


def test_atom_summaries_are_declared_plain_text(client):
    make_article(title="Markup", summary="<img src=x onerror=alert(1)>")
    root = ET.fromstring(client.get("/articles/feed/").content)
    summary = root.find(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == "<img src=x onerror=alert(1)>"


def test_statement_feed_summaries_are_plain_text_too(client):
    make_statement(make_article(), text="<script>alert(1)</script>")
    root = ET.fromstring(client.get("/statements/feed/").content)
    assert root.find(f"{ATOM}entry/{ATOM}summary").get("type") == "text"
