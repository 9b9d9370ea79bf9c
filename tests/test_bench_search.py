from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_it_prints_p50_p95_and_ratios_for_every_query_class():
    call_command("generate_corpus", "--articles", "60", "--seed", "2",
                 stdout=StringIO(), stderr=StringIO())
    out = StringIO()
    call_command("bench_search", "--seed", "2", "--repeats", "1", stdout=out)
    lines = out.getvalue().splitlines()
    assert "page p95" in lines[1] and "icontains p50" in lines[1] and "speed-up" in lines[1]
    classes = [line.split("  ")[0].strip() for line in lines[2:]]
    assert classes == ["rare word", "rare word + country", "common word", "two common words",
                       "phrase", "exclusion", "common + filters"]
    for line in lines[2:]:
        assert line.endswith("x")
