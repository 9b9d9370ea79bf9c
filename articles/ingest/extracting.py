"""Extraction ahead of the writes: the next batches are read by another process while this
one saves the current batch.

Extraction is pure Python over text and a gazetteer, and saving a batch is mostly Python
too (the ORM, the index): in one process the two take turns on one core. In a long import
they run side by side instead, the extraction of batch N + 1 in a pool of worker processes
(processes, not threads: both halves hold the GIL) while batch N is written. An import of a
single batch never starts a pool; neither does a machine with one core.

Workers are spawned, not forked: a fork would copy the database connections and threads of
the importing process. As with any spawned process, a script that imports must keep its
work under `if __name__ == "__main__":` (manage.py does), since each worker imports it.

Each worker receives the gazetteer once, when it starts. The importer's own copy learns
the organisations and people each batch creates; a worker's does not, so an organisation
first proposed earlier in the same import is not a known name to the workers' extraction
of later batches (their rules still find it where its wording shows it; the names are
matched to one company either way, in the importing process). A known limitation, not
yet mended: sending the new names to the workers with each batch would.
"""

import logging
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from articles.extraction import Extraction, Gazetteer, extract

logger = logging.getLogger(__name__)

# More extraction workers than this gain nothing: the writing process is the slower half.
MAX_WORKERS = 3

_gazetteer: Gazetteer | None = None


def _start_worker(gazetteer: Gazetteer) -> None:
    global _gazetteer
    _gazetteer = gazetteer


def _extract_all(texts: list[tuple[str, str]]) -> list[Extraction | Exception]:
    """Each text's extraction, or the error a rule raised on it (one text's fault must not
    cost the others theirs)."""
    found = []
    for title, body in texts:
        try:
            found.append(extract(title, body, _gazetteer))
        except Exception as error:  # noqa: BLE001 - reported by the importer, per article
            found.append(error)
    return found


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class ExtractionAhead:
    """Extractions of records submitted ahead, by record; `of()` waits for one, or extracts
    it here when it was not submitted (or the pool broke)."""

    def __init__(self, gazetteer: Gazetteer, workers: int | None = None):
        self.gazetteer = gazetteer
        self.workers = min(MAX_WORKERS, available_cores() - 1) if workers is None else workers
        self.pool: ProcessPoolExecutor | None = None
        # id(record) -> (record, the future of its batch, its place in the batch); the record
        # is held so that its id is not reused while the entry lives.
        self.submitted: dict[int, tuple[object, Future, int]] = {}

    @property
    def depth(self) -> int:
        """How many batches to submit ahead of the one being written."""
        return self.workers

    def submit(self, records: list) -> None:
        if self.workers < 1 or not records:
            return
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"),
                                            initializer=_start_worker,
                                            initargs=(self.gazetteer,))
        try:
            future = self.pool.submit(_extract_all, [(r.title, r.body) for r in records])
        except BrokenProcessPool:
            self.workers = 0
            return
        for place, record in enumerate(records):
            self.submitted[id(record)] = (record, future, place)

    def of(self, record) -> Extraction:
        entry = self.submitted.get(id(record))
        if entry is not None and entry[0] is record:
            try:
                found = entry[1].result()[entry[2]]
            except BrokenProcessPool:
                # A worker died (killed, out of memory): what is left is extracted here.
                logger.warning("extraction workers stopped; extracting in the importer")
                self.workers = 0
                self.submitted.clear()
            else:
                if isinstance(found, Exception):
                    raise found
                return found
        return extract(record.title, record.body, self.gazetteer)

    def forget(self, records: list) -> None:
        for record in records:
            self.submitted.pop(id(record), None)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
        self.submitted.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
