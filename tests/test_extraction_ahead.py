import os
import signal
from datetime import date

import pytest

from articles.extraction import Gazetteer, extract
from articles.ingest import extracting
from articles.ingest.extracting import ExtractionAhead
from articles.ingest.importer import BATCH_SIZE, Importer, ImportOptions
from articles.ingest.readers import ArticleRecord
from articles.models import Statement

SHIPYARDS = ["Nordic Yards", "Aegean Shipyards", "Caspian Marine Works"]
PEOPLE = ["Lars Berg", "Elif Aune", "Dana Abenova", "Ivan Sokolov"]


def records(count: int) -> list[ArticleRecord]:
    """Articles that differ in who is quoted, where and how."""
    made = []
    for number in range(count):
        person, yard = PEOPLE[number % len(PEOPLE)], SHIPYARDS[number % len(SHIPYARDS)]
        body = (f"{yard} will build {number % 5 + 2} frigates for Norway and Turkey.\n\n"
                f"\"Order {number} secures jobs for years,\" said {person}, chief executive of "
                f"{yard}.\n\n")
        if number % 2:
            body += f"{person.split()[-1]} added: \"We will deliver hull {number} on time.\"\n"
        made.append(ArticleRecord(title=f"Frigate order {number}", body=body,
                                  origin=f"wire:{number}", published=date(2024, 1, 2)))
    return made


def proposed() -> list[tuple]:
    return list(Statement.objects.order_by("article__title", "position").values_list(
        "article__title", "text", "speaker__name", "speaker_title", "proposed_by",
        "confidence"))


@pytest.mark.django_db(transaction=True)
def test_an_import_extracted_by_worker_processes_proposes_what_one_process_would():
    count = 2 * BATCH_SIZE + 30
    Importer(ImportOptions(extraction_workers=1)).run(iter(records(count)))
    in_workers = proposed()
    Statement.objects.all().delete()
    Importer(ImportOptions(extraction_workers=0, update=True)).run(iter(records(count)))
    assert len(in_workers) > count
    assert in_workers == proposed()


def test_a_text_a_rule_fails_on_costs_only_itself(monkeypatch):
    real = extracting.extract

    def failing_on_poison(title, body, gazetteer):
        if "poison" in title:
            raise ValueError("a rule fell over")
        return real(title, body, gazetteer)

    monkeypatch.setattr(extracting, "extract", failing_on_poison)
    extracting._start_worker(Gazetteer())
    first, second = records(2)
    found = extracting._extract_all([(first.title, first.body), ("poison", "x"),
                                     (second.title, second.body)])
    assert isinstance(found[1], ValueError)
    assert [[q.text for q in f.quotes] for f in (found[0], found[2])] == [
        [q.text for q in real(r.title, r.body, Gazetteer()).quotes] for r in (first, second)]
    assert found[0].quotes


def test_when_a_worker_dies_the_importer_extracts_the_rest_itself():
    batch = records(3)
    with ExtractionAhead(Gazetteer(), workers=1) as ahead:
        ahead.submit(batch[:1])
        ahead.of(batch[0])  # the worker is up
        ahead.submit(batch[1:])
        for process in list(ahead.pool._processes.values()):
            os.kill(process.pid, signal.SIGKILL)
        found = [ahead.of(record) for record in batch[1:]]
        assert (ahead.workers, ahead.submitted) == (0, {})
    assert [[q.text for q in f.quotes] for f in found] == [
        [q.text for q in extract(r.title, r.body, Gazetteer()).quotes] for r in batch[1:]]


def test_one_core_or_one_batch_starts_no_pool():
    with ExtractionAhead(Gazetteer(), workers=0) as ahead:
        ahead.submit(records(2))
        assert ahead.pool is None
        assert ahead.of(records(1)[0]).quotes
