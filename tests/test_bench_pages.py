from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_it_times_every_page_type_of_the_sample_archive():
    call_command("load_sample", stdout=StringIO())
    out = StringIO()
    call_command("bench_pages", "--repeats", "1", stdout=out)
    lines = out.getvalue().splitlines()
    assert "p95 ms" in lines[1]
    pages = {line.split("  ")[0].strip() for line in lines[2:]}
    assert {"home", "articles", "statements", "article", "company", "speaker", "country",
            "country pair", "sector", "source", "feed", "sitemap"} <= pages
