"""Throwaway PostgreSQL servers for tests: a primary and a streaming replica of it.

Each lives in its own temporary directory and listens on a free loopback port; the
machine's own PostgreSQL is never touched. PostgreSQL refuses to run as root, so as root
the servers run as the `postgres` user.
"""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from tests.servers import free_port

DATABASE = "archive"


def binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    assert found, "PostgreSQL's server binaries are not under /usr/lib/postgresql/*/bin"
    return Path(found[-1])


def as_server_user() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def run(*command, check=True):
    result = subprocess.run([*as_server_user(), *map(str, command)], capture_output=True,
                            text=True, timeout=120, check=False)
    if check and result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stdout}\n{result.stderr}")
    return result


class Server:
    def __init__(self, directory: Path, port: int):
        self.directory, self.port = directory, port
        self.data = directory / f"data-{port}"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def start(self) -> None:
        run(binaries() / "pg_ctl", "-D", self.data, "-l", self.directory / f"{self.port}.log",
            "-w", "-t", "60", "-o",
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off -c shared_buffers=32MB", "start")

    def stop(self) -> None:
        run(binaries() / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", check=False)

    def sql(self, statement: str, database: str = DATABASE) -> str:
        result = run(binaries() / "psql", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres",
                     "-d", database, "-Atc", statement)
        return result.stdout.strip()


@contextmanager
def primary_and_replica():
    """A primary with the `archive` database and a streaming replica (pg_basebackup -R)."""
    directory = Path(tempfile.mkdtemp(prefix="archive-pg-"))
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(directory, user.pw_uid, user.pw_gid)
    primary = Server(directory, free_port())
    replica = Server(directory, free_port())
    try:
        run(binaries() / "initdb", "-D", primary.data, "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--no-sync")
        primary.start()
        primary.sql(f"CREATE DATABASE {DATABASE}", database="postgres")
        run(binaries() / "pg_basebackup", "-h", "127.0.0.1", "-p", primary.port, "-U",
            "postgres", "-D", replica.data, "-R", "-X", "stream", "--checkpoint=fast")
        replica.start()
        yield primary, replica
    finally:
        replica.stop()
        primary.stop()
        shutil.rmtree(directory, ignore_errors=True)


def wait_until(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.2)
