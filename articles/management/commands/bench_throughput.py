import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.request import urlopen

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from articles.management.commands.bench_pages import page_urls

PAGES = ("home", "articles", "articles filtered", "article", "company", "country",
         "country pair", "statements", "search", "search with filters")
REQUESTS_PER_SECOND = re.compile(r"Requests/sec:\s+([\d.]+)")
LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
FAILURES = re.compile(r"(?:Non-2xx or 3xx responses|timeout):?\s+(\d+)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wrk_figures(report: str) -> tuple[float, float, float, int]:
    """Requests per second, p50 and p99 latency in ms, and failed requests (timed out or
    not 2xx/3xx), from wrk's report with --latency."""
    rate = REQUESTS_PER_SECOND.search(report)
    latency = {p: float(v) * TO_MS[unit] for p, v, unit in LATENCY.findall(report)}
    if rate is None:
        raise CommandError(f"wrk's report could not be read:\n{report}")
    failed = sum(int(n) for n in FAILURES.findall(report))
    return float(rate.group(1)), latency.get("50", 0.0), latency.get("99", 0.0), failed


class Command(BaseCommand):
    help = ("Requests per second of reader pages under gunicorn (gunicorn.conf.py) and wrk, "
            "on this database: with the page cache off, then on. Needs wrk on the PATH; set "
            "REDIS_URL for the cache the workers share in production (otherwise each worker "
            "keeps its own).")

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=10)
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--workers", type=int, default=3)
        parser.add_argument("--cache", choices=["off", "on", "both"], default="both",
                            help="Measure with the page cache off, on, or both in turn.")

    def handle(self, *args, seconds, connections, workers, cache, **options):
        wrk = shutil.which("wrk")
        if wrk is None:
            raise CommandError("wrk is not installed (Debian: apt-get install wrk).")
        urls = page_urls()
        urls["search"] = "/articles/?q=gas"
        urls["search with filters"] = f"{urls['articles filtered']}&q=gas" \
            if "articles filtered" in urls else None
        urls = {name: urls[name] for name in PAGES if urls.get(name)}
        # As in production: DEBUG off, so static files are served from the collected set.
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"gunicorn, {workers} workers (gthread); wrk, {connections} "
                          f"connections, {seconds} s a page, after a 2 s warm-up.")
        self.stdout.write(f"{'page':<20} {'cache':<6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"
                          f" {'failed':>7}  url")
        for cached in {"off": (False,), "on": (True,), "both": (False, True)}[cache]:
            for name, url in urls.items():
                # A server of its own for each page: requests wrk left behind on the page
                # before must not be served on this one's time.
                with self.gunicorn(workers, cached) as base:
                    # One request alone first: it fills the shared cache with the page's
                    # counts and timelines, which sixteen at once would each compute.
                    with urlopen(base + url, timeout=300) as response:  # noqa: S310 (ours)
                        response.read()
                    # wrk from the PATH, on our own URLs.
                    subprocess.run([wrk, "-t2", "-c4", "-d2s", base + url],  # noqa: S603
                                   check=True, capture_output=True)
                    out = subprocess.run(  # noqa: S603
                        [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
                         "--latency",
                         base + url], check=True, capture_output=True, text=True).stdout
                    rate, p50, p99, failed = wrk_figures(out)
                    self.stdout.write(f"{name:<20} {'on' if cached else 'off':<6} {rate:8.1f} "
                                      f"{p50:8.1f} {p99:8.1f} {failed:7d}  {url}")

    @staticmethod
    @contextmanager
    def gunicorn(workers: int, cached: bool):
        """A gunicorn serving this database on a free port, until the block ends."""
        port = free_port()
        environment = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}",
                       "GUNICORN_WORKERS": str(workers), "DJANGO_DEBUG": "0",
                       # Requests wrk gave up on are not waited for at the end.
                       "GUNICORN_GRACEFUL_TIMEOUT": "2",
                       "ARCHIVE_PAGE_CACHE": "1" if cached else "0",
                       "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                       "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY")
                       or secrets.token_urlsafe(50)}
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "archive.wsgi"],
            cwd=Path(settings.BASE_DIR), env=environment,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise CommandError("gunicorn did not start") from None
                    time.sleep(0.2)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(35)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
