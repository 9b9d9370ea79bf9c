from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Feed, Source

pytestmark = pytest.mark.django_db


def test_it_prints_median_p95_and_imports_per_second_and_keeps_nothing():
    out = StringIO()
    call_command("bench_poll", "--feeds", "2", "--entries", "3", stdout=out)
    text = out.getvalue()
    assert "first poll (all new)" in text and "6 articles in" in text and "imports/s" in text
    assert "unchanged (304)" in text and "changed, nothing new" in text
    assert text.count("median") == 3 and text.count("p95") == 3
    assert not Article.objects.exists() and not Feed.objects.exists()
    assert not Source.objects.filter(name__startswith="Bench outlet").exists()


def test_it_refuses_an_empty_run():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("bench_poll", "--feeds", "0")
