from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Speaker

pytestmark = pytest.mark.django_db


def test_it_prints_throughput_with_and_without_extraction_and_keeps_nothing():
    out = StringIO()
    call_command("bench_import", "--articles", "12", "--repeats", "1", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("12 text files on ")
    assert "median/s" in lines[1] and "p95 ms" in lines[1]
    assert lines[2].startswith("without extraction")
    assert lines[3].startswith("extraction, 1 process")
    assert lines[4].startswith("with extraction")
    assert float(lines[4].split()[2]) > 0
    assert "x the rate of one process" in lines[5]
    assert "extraction costs" in lines[6]
    assert not Article.objects.exists() and not Speaker.objects.exists()


def test_it_can_keep_the_files_for_a_real_import(tmp_path):
    call_command("bench_import", "--articles", "3", "--repeats", "1",
                 "--keep-files", str(tmp_path / "inbox"), stdout=StringIO())
    assert len(list((tmp_path / "inbox").glob("*.txt"))) == 3
    out = StringIO()
    call_command("import_articles", str(tmp_path / "inbox"), stdout=out, stderr=StringIO())
    assert "3 created, 0 updated, 0 unchanged, 0 failed" in out.getvalue()


def test_it_can_import_copies_of_a_real_article(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Shipyard wins order\n\n\"We are ready,\" said Lars Berg, chief executive "
                       "of Nordic Yards.\n", encoding="utf-8")
    out = StringIO()
    call_command("bench_import", "--articles", "4", "--repeats", "1", "--like", str(article),
                 stdout=out)
    assert out.getvalue().startswith("4 text files on ")
    with pytest.raises(CommandError, match="no such file"):
        call_command("bench_import", "--like", str(tmp_path / "missing.txt"), stdout=out)
