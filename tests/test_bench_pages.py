from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

pytestmark = pytest.mark.django_db


def bench(*args) -> list[str]:
    out = StringIO()
    call_command("bench_pages", "--repeats", "1", *args, stdout=out)
    return out.getvalue().splitlines()


def timed_pages(lines) -> set[str]:
    header = next(n for n, line in enumerate(lines) if "p95 ms" in line)
    return {line.split("  ")[0].strip() for line in lines[header + 1:]}


def test_it_times_every_page_type_of_the_sample_archive():
    call_command("load_sample", stdout=StringIO())
    assert {"home", "articles", "statements", "article", "company", "speaker", "country",
            "country pair", "sector", "source", "countries", "sectors", "companies",
            "speakers", "sources", "feed", "sitemap"} <= timed_pages(bench())


def test_it_can_empty_the_cache_before_every_request():
    call_command("load_sample", stdout=StringIO())
    lines = bench("--cold")
    assert "cache emptied before every request" in lines[0]
    assert "countries" in timed_pages(lines)


def test_it_compares_with_another_database_of_the_server_on_postgresql():
    call_command("load_sample", stdout=StringIO())
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="needs PostgreSQL"):
            bench("--compare", "other")
        return
    lines = bench("--compare", connection.settings_dict["NAME"])
    assert "p50 ratio" in next(line for line in lines if "p95 ms" in line)
