"""One content version for everything readers see, and caches keyed by it.

Every save, delete or link change of a row readers can see (a publish, an edit, a review
decision, a merge) bumps the version in the shared cache; cached pages and cached counts
carry the version in their key, so after a change nothing cached before it is served
again, on any app server sharing the cache. The old entries simply expire.

When the change commits, the primary's WAL position is noted too (archive/routers.py):
readers are not sent to a replica that has not replayed it yet.

The version is bumped when the change happens and again when its transaction commits:
a reader who rendered the page between the two (seeing the old rows) cached it under a
version that the commit then retires.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from archive.routers import record_primary_position
from articles.models import (
    Article,
    Company,
    Country,
    Sector,
    Source,
    Speaker,
    SpeakerRole,
    Statement,
)

VERSION_KEY = "content-version"
COUNTS_SECONDS = 24 * 3600
# How long readers wait for another's build of the same count (see versioned()).
BUILD_WAIT_SECONDS = 30
BUILD_POLL_SECONDS = 0.05
MISSING = object()

# What readers see. A new model that readers see belongs here.
READER_MODELS = [Article, Statement, Company, Country, Sector, Source, Speaker, SpeakerRole]
READER_LINKS = [Article.countries.through, Article.companies.through,
                Article.sectors.through, Company.sectors.through]


def content_version() -> int:
    """The current version: nanoseconds since the epoch of the last change (0 before any)."""
    return cache.get(VERSION_KEY) or 0


def last_change_time() -> float | None:
    version = content_version()
    return version / 1e9 if version else None


def bump_content_version() -> None:
    cache.set(VERSION_KEY, max(time.time_ns(), content_version() + 1), None)


def committed() -> None:
    record_primary_position()
    bump_content_version()


def content_changed(**kwargs) -> None:
    bump_content_version()
    transaction.on_commit(committed)


def versioned(key: str, build, timeout: int = COUNTS_SECONDS):
    """`build()`, cached until the content changes: counts, timelines, lists of entities.

    After a change, the first readers of a page all miss at once; at a million articles a
    count takes seconds, and each of them computing it would take the server down with
    it. So one builds it (holding a short lock in the cache, which every app server
    shares) while the others wait for its result — up to BUILD_WAIT_SECONDS, after which
    they build it themselves rather than fail.
    """
    versioned_key = f"{key}:v{content_version()}"
    value = cache.get(versioned_key, MISSING)
    if value is not MISSING:
        return value
    lock = f"{versioned_key}:building"
    if cache.add(lock, True, BUILD_WAIT_SECONDS):
        try:
            value = build()
            cache.set(versioned_key, value, timeout)
            return value
        finally:
            cache.delete(lock)
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(BUILD_POLL_SECONDS)
        value = cache.get(versioned_key, MISSING)
        if value is not MISSING:
            return value
        if cache.get(lock) is None:  # the builder failed: no point waiting for it
            break
    return build()


for model in READER_MODELS:
    post_save.connect(content_changed, sender=model, dispatch_uid=f"content-{model.__name__}")
    post_delete.connect(content_changed, sender=model,
                        dispatch_uid=f"content-deleted-{model.__name__}")
for through in READER_LINKS:
    m2m_changed.connect(content_changed, sender=through,
                        dispatch_uid=f"content-links-{through.__name__}")
