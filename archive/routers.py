"""Readers' queries to PostgreSQL streaming replicas; everything else to the primary.

With DATABASE_REPLICA_URLS set, ReplicaMiddleware picks a replica for an anonymous
reader's GET and ReplicaRouter sends that request's reads of the archive's tables there.
Writes, editors and staff (signed in), sessions and every command or background job use
the primary. A replica is used only when it is

- up and streaming, replaying no more than DATABASE_REPLICA_MAX_LAG seconds behind
  (checked at most every CHECK_SECONDS per process), and
- past the last change readers could see: each change records the primary's WAL
  position in the shared cache (`record_primary_position`), and a replica that has not
  replayed that far is skipped. So the request after a write — anyone's — reads it.

A replica that fails in the middle of a request is marked down and the request is
answered again from the primary: a stopped replica costs the reader nothing.
"""

import contextvars
import random
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections

PRIMARY = "default"
REPLICA_APPS = {"articles"}
POSITION_KEY = "primary-wal-position"
CHECK_SECONDS = 2
SAFE_METHODS = ("GET", "HEAD")

_replica_of_request = contextvars.ContextVar("replica", default=None)
_health: dict[str, tuple[float, bool, int]] = {}  # alias -> (checked at, usable, replayed)

STATUS_SQL = """
    SELECT pg_is_in_recovery(),
           coalesce((SELECT status = 'streaming' FROM pg_stat_wal_receiver), false),
           CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END,
           pg_last_wal_replay_lsn() - '0/0'::pg_lsn
"""
REPLAYED_SQL = "SELECT pg_last_wal_replay_lsn() - '0/0'::pg_lsn"


def replicas() -> list[str]:
    return [alias for alias in settings.DATABASES if alias != PRIMARY]


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in REPLICA_APPS:
            return _replica_of_request.get() or PRIMARY
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, first, second, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY


def reading_alias(model) -> str:
    """The database this request reads `model` from (for raw SQL)."""
    return ReplicaRouter().db_for_read(model) if replicas() else PRIMARY


def record_primary_position() -> None:
    """After a change commits: the primary's WAL position, which replicas must reach."""
    if not replicas():
        return
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")
        cache.set(POSITION_KEY, int(cursor.fetchone()[0]), None)


def mark_down(alias: str) -> None:
    _health[alias] = (time.monotonic(), False, 0)
    connections[alias].close()


def check(alias: str) -> tuple[float, bool, int]:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(STATUS_SQL)
            in_recovery, streaming, lag, replayed = cursor.fetchone()
        usable = in_recovery and streaming and lag <= settings.DATABASE_REPLICA_MAX_LAG
        _health[alias] = (time.monotonic(), usable, int(replayed or 0))
    except DatabaseError:
        mark_down(alias)
    return _health[alias]


def has_replayed(alias: str, position: int) -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(REPLAYED_SQL)
            replayed = int(cursor.fetchone()[0] or 0)
    except DatabaseError:
        mark_down(alias)
        return False
    checked, usable, _ = _health[alias]
    _health[alias] = (checked, usable, replayed)
    return replayed >= position


def usable_replica() -> str | None:
    position = cache.get(POSITION_KEY) or 0
    for alias in random.sample(replicas(), len(replicas())):
        checked, usable, replayed = _health.get(alias) or check(alias)
        if time.monotonic() - checked > CHECK_SECONDS:
            checked, usable, replayed = check(alias)
        if usable and (replayed >= position or has_replayed(alias, position)):
            return alias
    return None


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (not replicas() or request.method not in SAFE_METHODS
                or request.user.is_authenticated):
            return self.get_response(request)
        token = _replica_of_request.set(usable_replica())
        try:
            return self.get_response(request)
        finally:
            _replica_of_request.reset(token)

    def process_exception(self, request, exception):
        alias = _replica_of_request.get()
        if alias is None or not isinstance(exception, DatabaseError):
            return None
        mark_down(alias)
        _replica_of_request.set(None)
        return self.get_response(request)
