from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_it_prints_the_median_and_p95_per_article_of_the_sample_archive():
    out = StringIO()
    call_command("bench_extraction", "--repeats", "1", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].endswith("articles x 1 repeats")
    assert lines[1].startswith("extraction: median ") and "p95" in lines[1]


def test_it_times_the_files_given_and_skips_what_is_not_an_article(tmp_path):
    (tmp_path / "one.txt").write_text("Yard wins order\n\n\"We are ready,\" said Anna Berg.\n",
                                      encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("bench_extraction", str(tmp_path), "--repeats", "2", stdout=out, stderr=err)
    assert out.getvalue().startswith("1 articles x 2 repeats")
    assert "skipped" in err.getvalue()
    with pytest.raises(CommandError, match="No articles"):
        call_command("bench_extraction", str(tmp_path / "notes.json"), stdout=out, stderr=err)
