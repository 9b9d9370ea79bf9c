"""Near-duplicate detection at import: syndicated copies are grouped into one story."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.ingest.copies import Fingerprint
from articles.ingest.importer import Importer, ImportOptions
from articles.ingest.readers import ArticleRecord
from articles.models import Article
from articles.stories import StoryBand, StorySignature

WIRE = [
    "ANKARA - The Turkish energy ministry on Tuesday signed a twenty year agreement with a "
    "consortium led by Caspian Gas Holding to build a second compressor station on the "
    "trans-Anatolian line, raising its annual capacity by six billion cubic meters.",
    "The station, near the town of Eskisehir, is due to start work in the spring of 2027. "
    "Officials said the contract was worth about 1.4 billion dollars and that local firms "
    "would supply most of the steel and the electrical equipment.",
    "\"This expansion lets us carry more gas to Europe without new pipes in the ground,\" the "
    "deputy minister told reporters after the signing ceremony in the capital.",
    "Caspian Gas Holding, which operates three fields offshore, said financing would come "
    "from a group of regional banks and an export credit agency it did not name.",
    "The line already moves sixteen billion cubic meters a year, of which ten go on to "
    "buyers in Greece, Bulgaria and Italy under long-term contracts.",
]
OTHER_GAS_STORY = [
    "BAKU - Caspian Gas Holding reported on Friday that output from its offshore fields fell "
    "by eight percent in the third quarter after a storm damaged a platform in September.",
    "The company said repairs were finished last week and that it expected production to "
    "recover by December, keeping its full-year forecast of twelve billion cubic meters.",
    "\"The weather cost us three weeks, not the year,\" the chief executive said in a call "
    "with analysts, adding that exports to Turkey had not been interrupted.",
    "Analysts at a regional bank said the quarterly figures were weaker than expected but "
    "that the trans-Anatolian line would keep the company's sales to Europe steady.",
]


def record(title, paragraphs, published=date(2024, 5, 2), source="Wire Service", url=""):
    return ArticleRecord(origin=f"{source}:{title}", title=title, body="\n\n".join(paragraphs),
                         published=published, source=source, url=url)


def imported(*records, status=Article.Status.PUBLISHED):
    summary = Importer(ImportOptions(extract=False, status=status)).run(list(records))
    assert summary.failed == 0, summary.problems
    return [Article.objects.get(title=r.title) for r in records]


def fingerprint(paragraphs):
    return Fingerprint.of("\n\n".join(paragraphs))


def test_a_trimmed_copy_is_a_copy():
    is_copy, _ = fingerprint(WIRE[:3]).is_copy_of(fingerprint(WIRE))
    assert is_copy


def test_a_copy_with_a_paragraph_of_its_own_is_a_copy():
    added = [*WIRE, "Our correspondent in Edirne adds that farmers along the route have "
                    "asked for higher compensation for land taken by the new station."]
    assert fingerprint(added).is_copy_of(fingerprint(WIRE))[0]


def test_a_copy_with_its_paragraphs_in_another_order_is_a_copy():
    reordered = [WIRE[0], WIRE[2], WIRE[1], WIRE[4], WIRE[3]]
    assert fingerprint(reordered).is_copy_of(fingerprint(WIRE))[0]


def test_another_story_about_the_same_company_and_topic_is_no_copy():
    is_copy, jaccard = fingerprint(OTHER_GAS_STORY).is_copy_of(fingerprint(WIRE))
    assert not is_copy and jaccard < 0.1


def test_an_article_quoting_one_paragraph_of_another_is_no_copy():
    quoting = [*OTHER_GAS_STORY, WIRE[2]]
    assert not fingerprint(quoting).is_copy_of(fingerprint(WIRE))[0]


def test_a_text_of_a_few_words_gets_no_fingerprint():
    assert Fingerprint.of("Oil prices rose on Monday.") is None


@pytest.mark.django_db
def test_a_retitled_copy_from_another_outlet_joins_the_story_of_the_original():
    original, = imported(record("Turkey signs gas station deal", WIRE))
    copy, = imported(record("Second compressor station for Anatolian line", WIRE[:4],
                            published=date(2024, 5, 3), source="Daily Courier"))
    original.refresh_from_db()
    assert copy.story_id is not None and copy.story_id == original.story_id
    assert original.is_canonical and not copy.is_canonical


@pytest.mark.django_db
def test_copies_in_one_batch_are_grouped_with_the_earliest_canonical():
    later, earlier = imported(
        record("Anatolian line gets a new station", WIRE[:4], published=date(2024, 5, 4),
               source="Daily Courier"),
        record("Turkey signs gas station deal", WIRE, published=date(2024, 5, 2)),
    )
    assert later.story_id == earlier.story_id is not None
    assert earlier.is_canonical and not later.is_canonical


@pytest.mark.django_db
def test_a_third_copy_joins_the_existing_story():
    first, second = imported(record("Gas deal", WIRE), record(
        "Gas deal (update)", WIRE[:4], published=date(2024, 5, 3), source="Courier"))
    third, = imported(record("Station deal signed", WIRE[1:], published=date(2024, 5, 5),
                             source="Herald"))
    assert first.story_id == second.story_id == third.story_id
    assert first.story.articles.count() == 3


@pytest.mark.django_db
def test_another_story_on_the_same_topic_stays_alone():
    wire, other = imported(record("Gas deal", WIRE), record("Caspian output falls",
                                                            OTHER_GAS_STORY))
    assert wire.story_id is None and other.story_id is None
    assert wire.is_canonical and other.is_canonical


@pytest.mark.django_db
def test_a_published_copy_stands_for_the_story_while_the_original_is_a_draft():
    original, = imported(record("Gas deal", WIRE), status=Article.Status.DRAFT)
    copy, = imported(record("Gas station deal", WIRE[:4], published=date(2024, 5, 3),
                            source="Courier"))
    original.refresh_from_db()
    assert copy.is_canonical and not original.is_canonical
    original.status = Article.Status.PUBLISHED
    original.save()
    copy.refresh_from_db()
    original.refresh_from_db()
    assert original.is_canonical and not copy.is_canonical


@pytest.mark.django_db
def test_each_article_keeps_its_signature_and_one_row_per_band():
    article, = imported(record("Gas deal", WIRE))
    found = Fingerprint.stored(StorySignature.objects.get(article=article))
    assert found.jaccard(fingerprint(WIRE)) == 1.0
    assert sorted(StoryBand.objects.filter(article=article).values_list("key", flat=True)) \
        == sorted(fingerprint(WIRE).band_keys())


@pytest.mark.django_db
def test_a_dry_run_groups_nothing():
    imported(record("Gas deal", WIRE))
    Importer(ImportOptions(extract=False, dry_run=True)).run(
        [record("Gas deal again", WIRE[:4], source="Courier")])
    assert not Article.objects.filter(story__isnull=False).exists()
    assert StorySignature.objects.count() == 1


@pytest.mark.django_db
def test_finding_copies_costs_the_same_queries_whatever_the_archive_holds():
    def queries_for_import(title):
        with CaptureQueriesContext(connection) as queries:
            imported(record(title, WIRE[:4], source="Herald"))
        return len(queries)

    imported(record("Gas deal", WIRE), record("Gas deal copy", WIRE[1:], source="Herald"),
             record("Caspian output", OTHER_GAS_STORY))
    small = queries_for_import("Gas deal copy one")
    imported(*(record(f"Other news {n}", [f"{p} Item {n}." for p in OTHER_GAS_STORY])
               for n in range(5)))
    assert queries_for_import("Gas deal copy two") == small


@pytest.mark.django_db
def test_a_full_bucket_takes_no_more_members_yet_their_copies_are_still_found(monkeypatch):
    monkeypatch.setattr("articles.ingest.copies.BUCKET_CAPACITY", 2)
    first, second = imported(record("Gas deal", WIRE), record("Gas deal copy", WIRE[:4],
                                                               source="Herald"))
    third, = imported(record("Gas deal third copy", WIRE[1:], source="Courier"))
    shared = set(StoryBand.objects.filter(article=first).values_list("key", flat=True)) & set(
        StoryBand.objects.filter(article=second).values_list("key", flat=True))
    assert shared, "the first two copies share bands"
    assert not StoryBand.objects.filter(article=third, key__in=shared).exists()
    assert third.story_id is not None and third.story_id == first.story_id
