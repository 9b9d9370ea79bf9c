"""The archive as separate processes — web server, workers, commands — on a database of its own.

Tests of what crosses process boundaries (a worker killed mid-job, the browser watching a
worker's progress) cannot use the test database: on SQLite it lives in the test process's
memory. Each `Archive` gets a fresh one, migrated by the real `migrate` command: a SQLite
file in the test's folder, or a throwaway PostgreSQL database beside the test database,
dropped afterwards.
"""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import psycopg
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port: int, path: str = "/") -> bool:
    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5).status == 200
    except OSError:
        return False


class Archive:
    def __init__(self, folder: Path, **environment):
        self.folder = folder
        self.processes: list[subprocess.Popen] = []
        database = settings.DATABASES["default"]
        if database["ENGINE"].endswith("sqlite3"):
            self.sqlite = folder / "archive.sqlite3"
            url = f"sqlite:///{self.sqlite}"
        else:
            self.sqlite = None
            self.server = {"host": database["HOST"] or "127.0.0.1",
                           "port": database["PORT"] or 5432, "user": database["USER"],
                           "password": database["PASSWORD"] or None}
            self.name = f"archive_processes_{uuid.uuid4().hex[:12]}"
            with self.admin_connection() as connection:
                connection.execute(f'CREATE DATABASE "{self.name}"')
            auth = self.server["user"] + (f":{self.server['password']}"
                                          if self.server["password"] else "")
            url = f"postgres://{auth}@{self.server['host']}:{self.server['port']}/{self.name}"
        self.environment = {
            **os.environ, "DATABASE_URL": url, "ARCHIVE_MEDIA_ROOT": str(folder / "media"),
            "TASKS_BACKEND": "database", "DJANGO_DEBUG": "1", **environment,
        }
        self.manage("migrate", "--no-input", "-v", "0")

    def admin_connection(self):
        return psycopg.connect(dbname="postgres", autocommit=True, **self.server)

    def manage(self, *args, **environment) -> str:
        finished = subprocess.run([*MANAGE, *args], env={**self.environment, **environment},
                                  capture_output=True, text=True, timeout=300, check=False)
        assert finished.returncode == 0, finished.stderr[-3000:]
        return finished.stdout

    def start(self, *args, **environment) -> subprocess.Popen:
        log = (self.folder / f"{args[0]}-{len(self.processes)}.log").open("w")
        process = subprocess.Popen([*MANAGE, *args], env={**self.environment, **environment},
                                   stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.processes.append(process)
        return process

    def query(self, sql: str, *parameters) -> list[tuple]:
        """Read the archive's database directly: cheap enough to poll while a worker runs."""
        if self.sqlite:
            with sqlite3.connect(self.sqlite, timeout=30) as connection:
                return connection.execute(sql.replace("%s", "?"), parameters).fetchall()
        with psycopg.connect(dbname=self.name, **self.server) as connection:
            return connection.execute(sql, parameters).fetchall()

    def job(self, job_id: int) -> dict:
        [(state, done, total, counts, summary)] = self.query(
            "SELECT state, done, total, counts, summary FROM articles_job WHERE id = %s",
            job_id)
        counts = json.loads(counts) if isinstance(counts, str) else counts
        return {"state": state, "done": done, "total": total, "counts": counts,
                "summary": summary}

    def wait_for(self, condition, timeout: float = 240, every: float = 0.05):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if value := condition():
                return value
            time.sleep(every)
        raise AssertionError(f"still waiting after {timeout} s")

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if not self.sqlite:
            with self.admin_connection() as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
