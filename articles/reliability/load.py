"""Reader traffic on loopback while PostgreSQL restarts, and then stops for a while.

A few client threads request reader pages one after another, for a bounded time and a
bounded number of requests, while the timeline below runs. Every request is kept with
when it started, how long it took and its status (0 for no answer), and the report
sorts them by phase.

    warm-up -> restart (pg_ctl restart -m fast) -> settle -> stop -> down -> start -> after
"""

import statistics
import threading
import time
from dataclasses import dataclass, field

from archive.app_server import get
from archive.throwaway_postgres import ThrowawayPostgres

READER_PAGES = [
    "/", "/articles/", "/articles/?q=gas", "/articles/?country=TR", "/statements/",
    "/statements/?q=pipeline", "/companies/", "/speakers/", "/countries/", "/sectors/",
    "/sources/", "/articles/feed/",
]
REQUEST_TIMEOUT = 30.0


@dataclass
class Request:
    started: float
    seconds: float
    status: int

    @property
    def ended(self) -> float:
        return self.started + self.seconds

    @property
    def failed(self) -> bool:
        return self.status != 200


@dataclass
class Timeline:
    restart_began: float = 0.0
    restart_ended: float = 0.0
    stop_began: float = 0.0
    stop_ended: float = 0.0
    start_began: float = 0.0
    start_ended: float = 0.0


@dataclass
class OutageReport:
    clients: int
    requests: list[Request] = field(default_factory=list)
    timeline: Timeline = field(default_factory=Timeline)

    @property
    def during_restart(self) -> list[Request]:
        """Requests in flight at any moment while pg_ctl restart ran."""
        t = self.timeline
        return [r for r in self.requests
                if r.started < t.restart_ended and r.ended > t.restart_began]

    @property
    def after_restart(self) -> list[Request]:
        """Requests started once the server was back, and done before it was stopped."""
        t = self.timeline
        return [r for r in self.requests
                if r.started >= t.restart_ended and r.ended < t.stop_began]

    @property
    def while_down(self) -> list[Request]:
        t = self.timeline
        return [r for r in self.requests if t.stop_ended <= r.started < t.start_began]

    @property
    def after_back(self) -> list[Request]:
        return [r for r in self.requests if r.started >= self.timeline.start_ended]

    @property
    def seconds_to_recover(self) -> float:
        """From the server being back to the end of the last request that still failed."""
        failures = [r.ended for r in self.after_back if r.failed]
        return max(failures) - self.timeline.start_ended if failures else 0.0

    def lines(self) -> list[str]:
        t = self.timeline
        down = self.while_down
        unavailable = [r for r in down if r.status == 503]
        seconds = sorted(r.seconds for r in unavailable)

        def errors(requests):
            failed = [r for r in requests if r.failed]
            statuses = ", ".join(f"{sum(1 for r in failed if r.status == s)}× {s or 'no answer'}"
                                 for s in sorted({r.status for r in failed}))
            return f"{len(requests)} requests, {len(failed)} errors" + (
                f" ({statuses})" if failed else "")

        lines = [
            f"requests {len(self.requests)} from {self.clients} clients",
            f"during the restart ({t.restart_ended - t.restart_began:.1f} s): "
            + errors(self.during_restart),
            "after the restart: " + errors(self.after_restart),
            f"while stopped ({t.start_began - t.stop_ended:.1f} s): {len(down)} requests, "
            f"{len(unavailable)}× 503, {len(down) - len(unavailable)} other",
        ]
        if seconds:
            lines.append(
                f"503 answered in median {statistics.median(seconds):.2f} s, "
                f"p95 {seconds[max(0, round(0.95 * len(seconds)) - 1)]:.2f} s, "
                f"slowest {seconds[-1]:.2f} s"
            )
        lines += [
            "after it was back: " + errors(self.after_back),
            f"time to recover {self.seconds_to_recover:.2f} s",
        ]
        return lines


class Readers:
    """`clients` threads requesting reader pages in turn until stopped or `limit` is hit."""

    def __init__(self, base_url: str, clients: int, limit: int):
        self.base_url = base_url
        self.clients = clients
        self.limit = limit
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.read, args=(n,), daemon=True)
                        for n in range(clients)]

    def read(self, number: int) -> None:
        turn = number
        while not self.stopping.is_set() and len(self.requests) < self.limit:
            page = READER_PAGES[turn % len(READER_PAGES)]
            turn += 1
            started = time.monotonic()
            try:
                status = get(self.base_url + page, timeout=REQUEST_TIMEOUT)[0]
            except OSError:
                status = 0
            with self.lock:
                self.requests.append(Request(started, time.monotonic() - started, status))

    def __enter__(self) -> "Readers":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(REQUEST_TIMEOUT + 5)


def run_outage(server: ThrowawayPostgres, base_url: str, clients: int = 4,
               phase_seconds: float = 8.0, limit: int = 20_000) -> OutageReport:
    """Load `base_url` through a restart and an outage of `server`; the requests, sorted."""
    report = OutageReport(clients)
    t = report.timeline
    with Readers(base_url, clients, limit) as readers:
        time.sleep(phase_seconds)
        t.restart_began = time.monotonic()
        server.restart()
        t.restart_ended = time.monotonic()
        time.sleep(phase_seconds)
        t.stop_began = time.monotonic()
        server.stop()
        t.stop_ended = time.monotonic()
        time.sleep(phase_seconds)
        t.start_began = time.monotonic()
        server.start()
        t.start_ended = time.monotonic()
        time.sleep(phase_seconds)
    report.requests = sorted(readers.requests, key=lambda r: r.started)
    return report
