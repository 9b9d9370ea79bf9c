"""Limits on heavy downloads, so that a few clients cannot take every worker.

Two limits, both kept in the shared cache so that all app servers count together:
- how often one client may start a download (django-ratelimit, ARCHIVE_EXPORT_RATE);
- how many downloads run at once, per client and in total (ARCHIVE_EXPORTS_PER_CLIENT,
  ARCHIVE_EXPORTS_IN_TOTAL). A running download holds a slot, a cache key added
  atomically, until its response has been sent to the end or abandoned. A worker killed
  mid-download leaks its slot only until the key expires.
A refused download gets the 429 page with Retry-After.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

from archive.client_ip import client_ip

SLOT_SECONDS = 15 * 60
RETRY_AFTER_SECONDS = 60


def take_slot(prefix: str, count: int) -> str | None:
    """The cache key of a free one of `count` slots, now taken, or None when all are."""
    for number in range(count):
        key = f"{prefix}:{number}"
        if cache.add(key, 1, SLOT_SECONDS):
            return key
    return None


def too_many(request, reason: str):
    response = render(request, "429.html", {"reason": reason,
                                            "retry_after": RETRY_AFTER_SECONDS}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class SlotReleasingStream:
    """A response's chunks, freeing the slots when the server closes the response.

    A class, not a generator: closing a generator that never started runs no `finally`,
    and a client may hang up before the first chunk.
    """

    def __init__(self, chunks, keys: list[str]):
        self.chunks = iter(chunks)
        self.keys = keys

    def __iter__(self):
        return self

    def __next__(self):
        return next(self.chunks)

    def close(self):
        cache.delete_many(self.keys)


def release_after(response, keys: list[str]):
    """Free the slots once the response is done: at once, or when a stream is closed."""
    if response.streaming:
        response.streaming_content = SlotReleasingStream(response.streaming_content, keys)
    else:
        cache.delete_many(keys)
    return response


def heavy_download(group: str):
    """Decorate a view whose responses are expensive: rate and concurrency limits apply."""

    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            if is_ratelimited(request, group=group, key="ip", rate=settings.EXPORT_RATE,
                              increment=True):
                return too_many(request, "You have started many downloads in the last minute.")
            mine = take_slot(f"{group}:running:{client_ip(request)}",
                             settings.EXPORTS_PER_CLIENT)
            if mine is None:
                return too_many(request, "Your other downloads are still running.")
            shared = take_slot(f"{group}:running", settings.EXPORTS_IN_TOTAL)
            if shared is None:
                cache.delete(mine)
                return too_many(request, "The archive is busy with other readers' downloads.")
            try:
                response = view(request, *args, **kwargs)
            except BaseException:
                cache.delete_many([mine, shared])
                raise
            return release_after(response, [mine, shared])

        return limited

    return decorator
