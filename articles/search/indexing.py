"""Keep the search index in step with the archive: after each commit, in batches.

Changes only note which articles and statements need a fresh index entry; when the
transaction commits, one flush rewrites them all. The flush looks at what exists at
that moment, so a rolled-back change or a row deleted since leaves nothing stale.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction

from articles.models import Article, Statement
from articles.search import backend

_pending = threading.local()


def pending() -> dict[type, set[int]]:
    if not hasattr(_pending, "ids"):
        _pending.ids = {Article: set(), Statement: set()}
    return _pending.ids


def schedule(model, ids) -> None:
    """Refresh the index entries of these rows once the current transaction commits."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return
    pending()[model].update(ids)
    if not getattr(_pending, "deferred", False):
        transaction.on_commit(flush)


@contextmanager
def deferred_indexing():
    """Index everything changed inside the block once, at its end: one batch for an import
    of many articles, each saved in its own transaction."""
    _pending.deferred = True
    try:
        yield
    finally:
        _pending.deferred = False
        transaction.on_commit(flush)


def flush() -> None:
    ids = pending()
    articles, statements = set(ids[Article]), set(ids[Statement])
    ids[Article].clear()
    ids[Statement].clear()
    refresh(Article, articles)
    refresh(Statement, statements)


def refresh(model, ids) -> None:
    """Rewrite the index entries of these rows now, inside the current transaction."""
    ids = set(ids)
    if not ids:
        return
    search = backend()
    existing = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if model is Article:
        search.index_articles(existing)
        search.remove_articles(ids - existing)
    else:
        search.index_statements(existing)
        search.remove_statements(ids - existing)


@dataclass(frozen=True)
class Drift:
    """Rows without an index entry, and entries of rows that no longer exist."""
    missing: dict[str, int]
    stale: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.missing.values()) + sum(self.stale.values())

    def line(self) -> str:
        missing = " and ".join(f"{n} {name}" for name, n in self.missing.items())
        stale = " and ".join(f"{n} {name}" for name, n in self.stale.items())
        return f"missing from the index: {missing}; stale entries: {stale}"


def repair_drift() -> Drift:
    """Index every row the index lacks and drop the entries of deleted rows; say how many.

    An import indexes each batch in the batch's own transaction, so this finds nothing
    after a killed run; it is the check that stays true whatever wrote to the tables.
    """
    search = backend()
    missing, stale = {}, {}
    with transaction.atomic():
        for model, index, remove in (
                (Article, search.index_articles, search.remove_articles),
                (Statement, search.index_statements, search.remove_statements)):
            rows = set(model.objects.values_list("pk", flat=True))
            indexed = search.indexed_ids(model)
            name = str(model._meta.verbose_name_plural)
            missing[name], stale[name] = len(rows - indexed), len(indexed - rows)
            index(rows - indexed)
            remove(indexed - rows)
    return Drift(missing, stale)


def rebuild(progress=None, batch_size: int = 1000) -> dict[str, int]:
    """Index every article and statement again; `progress(n)` after each batch.

    A batch per transaction, each entry replaced where it stands, then the entries of rows
    gone since removed: searches keep finding everything meanwhile, the job's progress is
    seen as it goes (inside one long transaction it would show only at the end), and a
    killed rebuild leaves only valid entries, old or new, for a rerun to finish.
    """
    search = backend()
    counts = {}
    for model, index, remove in ((Article, search.index_articles, search.remove_articles),
                                 (Statement, search.index_statements, search.remove_statements)):
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch_size):
            with transaction.atomic():
                index(ids[start:start + batch_size])
            if progress:
                progress(min(batch_size, len(ids) - start))
        with transaction.atomic():
            remove(search.indexed_ids(model) - set(model.objects.values_list("pk", flat=True)))
        counts[model._meta.verbose_name_plural] = len(ids)
    return counts
