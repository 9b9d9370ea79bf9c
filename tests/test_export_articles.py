import json
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article, Company, Source, Speaker, SpeakerRole, Statement

pytestmark = pytest.mark.django_db


def export() -> list[dict]:
    out = StringIO()
    call_command("export_articles", "--format", "jsonl", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_round_trip_into_an_empty_archive_reproduces_the_content(tmp_path):
    call_command("load_sample", stdout=StringIO())
    before = export()
    path = tmp_path / "archive.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in before), encoding="utf-8")

    Article.objects.all().delete()
    SpeakerRole.objects.all().delete()
    Speaker.objects.all().delete()
    Company.objects.update(parent=None)
    Company.objects.all().delete()
    Source.objects.all().delete()
    assert not Statement.objects.exists()

    call_command("import_articles", str(path), "--trust-file-status", stdout=StringIO(),
                 stderr=StringIO())
    after = export()

    def key(row):
        return row["title"]

    assert sorted(after, key=key) == sorted(before, key=key)
    assert len(after) == 21


def test_the_export_includes_statements_with_their_review_state():
    call_command("load_sample", stdout=StringIO())
    Statement.objects.filter(pk=Statement.objects.first().pk).update(is_reviewed=False)
    rows = export()
    reviewed = [s["reviewed"] for row in rows for s in row["statements"]]
    assert reviewed.count(False) == 1
