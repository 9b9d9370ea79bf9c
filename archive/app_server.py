"""The archive served by gunicorn on a free loopback port, for checks that need a real server.

Its settings come only from what is handed in (the caller's DJANGO_*, DATABASE_* and
ARCHIVE_* variables are left out), so a check runs the same on every machine.
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from archive.throwaway_postgres import free_port

PROJECT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 60


def environment(database_url: str, **variables: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO_", "DATABASE_", "ARCHIVE_"))}
    env.update(DATABASE_URL=database_url, DJANGO_DEBUG="1", **variables)
    return env


def manage(database_url: str, *arguments: str, timeout: float = 600, **variables: str):
    """Run a management command against `database_url`; its output is returned."""
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *arguments], cwd=PROJECT, check=True, text=True,
        capture_output=True, timeout=timeout, env=environment(database_url, **variables),
    )


class ArchiveServer:
    """`with ArchiveServer(url) as server:` gunicorn serving the archive at `server.url`."""

    def __init__(self, database_url: str, workers: int = 2, log: Path | None = None,
                 **variables: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.command = [
            sys.executable, "-m", "gunicorn", "archive.wsgi", "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(workers), "--timeout", "60", "--graceful-timeout", "5",
        ]
        self.env = environment(database_url, **variables)
        self.process: subprocess.Popen | None = None
        self.log = log

    def start(self) -> "ArchiveServer":
        output = self.log.open("ab") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(self.command, cwd=PROJECT, env=self.env,  # noqa: S603
                                        stdout=output, stderr=output)
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                probe = f"{self.url}/static/css/archive.css"
                urllib.request.urlopen(probe, timeout=2).close()  # noqa: S310 (loopback http)
                return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {STARTUP_SECONDS} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> "ArchiveServer":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def get(url: str, timeout: float = 10) -> tuple[int, float, dict[str, str], str]:
    """Status, seconds taken, headers and body of a GET; HTTP errors are answers too."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback http)
            body = response.read().decode("utf-8", "replace")
            status, headers = response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", "replace")
        status, headers = error.code, dict(error.headers)
    return status, time.monotonic() - started, headers, body
