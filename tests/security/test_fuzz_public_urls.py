"""Every parameter of every public URL, fuzzed: no answer is ever a server error.

Requests go through Django's test client, which raises a view's exception instead of
turning it into a 500, so a failure shows the traceback and Hypothesis the smallest input.
CI runs FUZZ_EXAMPLES requests per database (default 200); the campaign runs 20,000:

    FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/security/test_fuzz_public_urls.py -s
    DATABASE_URL=postgres://… FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/security/… -s
"""

import logging
import os
from collections import Counter
from io import StringIO
from urllib.parse import quote, urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.filters import PAGE_PARAMETERS, ArticleFilterSet, StatementFilterSet
from articles.models import Article, Company, Country, Sector, Source, Speaker
from articles.sitemaps import SITEMAPS

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
LISTS = ["/", "/articles/", "/articles/feed/", "/articles/export.csv", "/articles/export.json",
         "/statements/", "/statements/feed/", "/statements/export.csv",
         "/statements/export.json", "/companies/", "/speakers/", "/countries/", "/sectors/",
         "/sources/", "/sitemap.xml"]
# Every query parameter a public page reads: the filter sets' own, pagination, sitemaps'.
PARAMETERS = sorted({*ArticleFilterSet.base_filters, *StatementFilterSet.base_filters,
                     *PAGE_PARAMETERS, "p"})
# Strings that have broken parsers before: control characters, quotes, operators, huge
# numbers, dates that are not, lone surrogate escapes, markup and template syntax.
NASTY = ["\x00", "\x01", "\x0b", "'", '"', "\\", "%", "%00", "-", "--", "OR", "AND NOT", "*",
         "(", ")", '"unclosed', "NEAR(", "a:b", "^", "99999999999999999999", "-1", "0", "1e9",
         "2024-02-30", "0000-00-00", "9999-12-31", "2024-13-01", "<script>", "{{ x }}",
         "{% debug %}", "\ufffe", "\u202e", "İ", "ß", "ﬃ", "a" * 3000, " ", "",
         "0x10", "NaN", "inf", "🦄", "中文", "Türkiye", "rostec", "ru", "RU", "newest",
         "relevance", "oldest"]
# Query strings no form would send: bytes that are not UTF-8, broken escapes, bare keys.
RAW = ["", "&q=%ED%A0%80", "&q=%FF%FE", "&page=%", "&%zz=1", "&q", "&=", "&&&", "&q=%00",
       "&country=%C0%AF", "&page=1&page=2", "&sort[]=x"]


def value_strategy(known: list[str]):
    return st.one_of(
        st.sampled_from(NASTY), st.sampled_from(known),
        st.text(max_size=40), st.text(alphabet=st.characters(max_codepoint=0x7f), max_size=12),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.dates().map(str),
        st.lists(st.sampled_from(NASTY + known), min_size=1, max_size=4).map(" ".join),
    )


def known_keys() -> tuple[list[str], list[str]]:
    """Real slugs and codes (so that filters really filter), and the pages they have."""
    keys = [*Company.objects.values_list("slug", flat=True),
            *Speaker.objects.values_list("slug", flat=True),
            *Sector.objects.values_list("slug", flat=True),
            *Source.objects.values_list("slug", flat=True),
            *Country.objects.values_list("code", flat=True)[:20]]
    pages = [entity.get_absolute_url() for model in (Company, Speaker, Sector, Source)
             for entity in model.objects.all()[:3]]
    pages += [article.get_absolute_url() for article in Article.objects.all()[:3]]
    pages += ["/countries/ru/", "/countries/tr/", "/countries/ru/tr/", "/countries/zz/",
              "/countries/ru/zz/"] + [f"/sitemap-{section}.xml" for section in SITEMAPS]
    return keys, pages


def path_strategy(pages: list[str]):
    fuzzed_segment = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30)
    prefixes = ["/articles/{}/", "/companies/{}/", "/speakers/{}/", "/sectors/{}/",
                "/sources/{}/", "/countries/{}/", "/countries/ru/{}/", "/sitemap-{}.xml"]
    return st.one_of(
        st.sampled_from(LISTS), st.sampled_from(pages),
        st.builds(lambda pattern, segment: pattern.format(quote(segment)),
                  st.sampled_from(prefixes), fuzzed_segment),
    )


@pytest.fixture
def sample_archive():
    call_command("load_sample", stdout=StringIO())


def test_no_public_url_answers_with_a_server_error(client, sample_archive, caplog):
    caplog.set_level(logging.ERROR, logger="django.request")  # not a line per 404
    keys, pages = known_keys()
    statuses = Counter()
    values = value_strategy(keys)
    query = st.dictionaries(st.sampled_from(PARAMETERS),
                            st.lists(values, min_size=1, max_size=3), max_size=6)

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(path=path_strategy(pages), parameters=query, raw=st.sampled_from(RAW))
    def request(path, parameters, raw):
        response = client.get(f"{path}?{urlencode(parameters, doseq=True)}{raw}")
        if response.streaming:
            b"".join(response.streaming_content)  # an error while streaming fails here
        statuses[response.status_code] += 1
        assert response.status_code < 500, (path, parameters, raw)
        if statuses.total() % 1000 == 0:
            print(f"{statuses.total()} requests so far: {dict(sorted(statuses.items()))}",
                  flush=True)

    request()
    total = sum(statuses.values())
    errors = sum(count for status, count in statuses.items() if status >= 500)
    print(f"\nfuzzed {total} requests on {connection.vendor}: {errors} answered 5xx; "
          f"statuses {dict(sorted(statuses.items()))}")
    assert total >= EXAMPLES * 0.9
