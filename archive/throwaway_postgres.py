"""A PostgreSQL server of our own, in a temporary directory on a free loopback port.

For the tests and checks that must stop, restart or break the database: they never touch
the machine's own instance. Run as root (as CI does), the server runs as the `postgres`
system user, since PostgreSQL refuses to run as root.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "max_connections": "100",
    # Throwaway data: a crash of the whole machine may lose it; a killed client may not.
    "fsync": "off",
    "full_page_writes": "off",
}


def postgres_bin(program: str) -> str:
    found = shutil.which(program) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"), reverse=True)), None
    )
    if found is None:
        raise FileNotFoundError(f"{program} not found: install PostgreSQL's server programs.")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawayPostgres:
    """`with ThrowawayPostgres() as server:` a running server, deleted on leaving."""

    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="throwaway-postgres-"))
        self.data = self.directory / "data"
        self.log = self.directory / "server.log"
        self.port = free_port()
        self.run_as = "postgres" if os.geteuid() == 0 else None
        if self.run_as:
            account = pwd.getpwnam(self.run_as)
            os.chown(self.directory, account.pw_uid, account.pw_gid)

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *command: str) -> None:
        # PostgreSQL's own programs, found by postgres_bin.
        subprocess.run(command, check=True, capture_output=True, user=self.run_as,  # noqa: S603
                       timeout=120)

    def _pg_ctl(self, action: str, *extra: str) -> None:
        options = " ".join(f"-c {name}={value}" for name, value in SERVER_SETTINGS.items())
        self._run(postgres_bin("pg_ctl"), action, "-D", str(self.data), "-l", str(self.log),
                  "-w", "-t", "60", "-o",
                  f"-p {self.port} -k {self.directory} {options}", *extra)

    def start(self) -> "ThrowawayPostgres":
        if not self.data.exists():
            self._run(postgres_bin("initdb"), "-D", str(self.data), "-U", "postgres",
                      "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
        self._pg_ctl("start")
        return self

    def stop(self, mode: str = "fast") -> None:
        """`fast` disconnects clients and shuts down cleanly; `immediate` is a crash."""
        self._pg_ctl("stop", "-m", mode)

    def restart(self) -> None:
        self._pg_ctl("restart", "-m", "fast")

    def create_database(self, name: str, template: str = "template1") -> str:
        """A new database, a copy of `template` (a migrated one copies in a moment)."""
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def remove(self) -> None:
        if self.data.exists() and (self.data / "postmaster.pid").exists():
            self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> "ThrowawayPostgres":
        try:
            return self.start()
        except BaseException:
            self.remove()
            raise

    def __exit__(self, *exc_info) -> None:
        self.remove()
