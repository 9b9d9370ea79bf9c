from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.copy_benchmark import StoryWriter, precision_recall
from articles.models import Article
from articles.stories import Story, StoryBand

pytestmark = pytest.mark.django_db


def test_it_prints_precision_recall_and_the_cost_at_two_sizes_and_keeps_nothing():
    out = StringIO()
    call_command("bench_copies", "--stories", "12", "--sizes", "150", "300", "--timed", "100",
                 stdout=out)
    text = out.getvalue()
    assert "precision" in text and "recall" in text
    assert "copies with trim" in text and "same topic" in text
    assert "ratio 300/150 of the p50" in text
    assert not Article.objects.exists() and not Story.objects.exists()
    assert not StoryBand.objects.exists()


def test_the_seed_decides_the_generated_stories():
    first, again, other = (StoryWriter(seed).generated_set(5) for seed in (1, 1, 2))
    assert [a.body for a in first.articles] == [a.body for a in again.articles]
    assert [a.body for a in first.articles] != [a.body for a in other.articles]


def test_every_copy_is_edited_and_paired_with_its_original():
    generated = StoryWriter(3).generated_set(20)
    copies = [a for a in generated.articles if a.edits]
    assert copies and all(a.key in {o.key for o in generated.articles if not o.edits}
                          for a in copies)
    assert all(a.outlet != "Wire Agency" for a in copies)


def test_precision_and_recall_count_pairs():
    assert precision_recall({(1, 2), (3, 4)}, {(1, 2), (5, 6)}) == (0.5, 0.5)
    assert precision_recall(set(), set()) == (1.0, 1.0)


def test_a_timed_run_smaller_than_a_batch_is_refused():
    with pytest.raises(CommandError, match="--timed"):
        call_command("bench_copies", "--timed", "10", stdout=StringIO())
