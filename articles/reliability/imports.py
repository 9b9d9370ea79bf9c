"""An import killed mid-run and rerun must leave what a clean import leaves.

The same files are imported twice into copies of one migrated database: once cleanly
(the control), once killed with SIGKILL after some batches were committed and then run
again. The two archives are compared article by article, by title: duplicates, articles
missing, articles whose statements or links differ (partial), and rows the search index
lacks.
"""

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from archive.app_server import PROJECT, environment, manage
from archive.throwaway_postgres import ThrowawayPostgres
from articles.management.commands.bench_import import write_files

POLL_SECONDS = 0.05

# Per article: what the import saves with it, so that half of it shows.
SHAPE_SQL = """
    SELECT a.title, length(a.body),
      (SELECT count(*) FROM articles_statement s WHERE s.article_id = a.id),
      (SELECT count(*) FROM articles_article_companies c WHERE c.article_id = a.id),
      (SELECT count(*) FROM articles_article_countries c WHERE c.article_id = a.id),
      (SELECT count(*) FROM articles_article_sectors c WHERE c.article_id = a.id)
    FROM articles_article a
"""
UNINDEXED_SQL = """
    SELECT
      (SELECT count(*) FROM articles_article a
        WHERE NOT EXISTS (SELECT 1 FROM search_article i WHERE i.article_id = a.id)),
      (SELECT count(*) FROM articles_statement s
        WHERE NOT EXISTS (SELECT 1 FROM search_statement i WHERE i.statement_id = s.id))
"""


@dataclass
class KilledImport:
    articles: int
    saved_when_killed: int
    finished_before_kill: bool
    rerun_exit_code: int
    duplicates: int
    missing: int
    partial: int
    unindexed_articles: int
    unindexed_statements: int

    @property
    def clean(self) -> bool:
        return not (self.finished_before_kill or self.rerun_exit_code or self.duplicates
                    or self.missing or self.partial or self.unindexed_articles
                    or self.unindexed_statements)

    def lines(self) -> list[str]:
        killed = ("the import finished before it could be killed" if self.finished_before_kill
                  else f"killed with {self.saved_when_killed} of {self.articles} articles saved")
        return [
            f"import of {self.articles} articles, {killed}, then rerun "
            f"(exit code {self.rerun_exit_code})",
            f"duplicates {self.duplicates}, missing {self.missing}, partial {self.partial}, "
            f"unindexed articles {self.unindexed_articles}, "
            f"unindexed statements {self.unindexed_statements}",
        ]


def count_articles(url: str) -> int:
    with psycopg.connect(url, connect_timeout=2) as connection:
        return connection.execute("SELECT count(*) FROM articles_article").fetchone()[0]


def import_command(paths: Path) -> list[str]:
    return [sys.executable, "manage.py", "import_articles", str(paths)]


def import_and_kill(url: str, files: Path, kill_after: int) -> tuple[int, bool]:
    """Start an import; SIGKILL it once `kill_after` articles are committed."""
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
        import_command(files), cwd=PROJECT, env=environment(url),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        while process.poll() is None:
            if count_articles(url) >= kill_after:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                return count_articles(url), False
            time.sleep(POLL_SECONDS)
        return count_articles(url), True
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def shapes(url: str) -> list[tuple]:
    with psycopg.connect(url) as connection:
        return connection.execute(SHAPE_SQL).fetchall()


def unindexed(url: str) -> tuple[int, int]:
    with psycopg.connect(url) as connection:
        return connection.execute(UNINDEXED_SQL).fetchone()


def kill_and_rerun(server: ThrowawayPostgres, folder: Path, articles: int = 400,
                   kill_after: int = 100, seed: int = 5) -> KilledImport:
    """Import `articles` synthetic files cleanly and killed-then-rerun; compare the two."""
    folder.mkdir(parents=True, exist_ok=True)
    write_files(folder, articles, seed)
    template = server.create_database("import_template")
    manage(template, "migrate", "--no-input")
    control = server.create_database("import_control", template="import_template")
    killed = server.create_database("import_killed", template="import_template")

    manage(control, "import_articles", str(folder))
    saved, finished = import_and_kill(killed, folder, kill_after)
    rerun = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        import_command(folder), cwd=PROJECT, env=environment(killed), capture_output=True,
        timeout=1800,
    )

    expected = {row[0]: row[1:] for row in shapes(control)}
    found = shapes(killed)
    titles = [row[0] for row in found]
    by_title = {row[0]: row[1:] for row in found}
    unindexed_articles, unindexed_statements = unindexed(killed)
    return KilledImport(
        articles=len(expected),
        saved_when_killed=saved,
        finished_before_kill=finished,
        rerun_exit_code=rerun.returncode,
        duplicates=len(titles) - len(set(titles)),
        missing=len(expected.keys() - by_title.keys()),
        partial=sum(1 for title, shape in by_title.items()
                    if title in expected and shape != expected[title]),
        unindexed_articles=unindexed_articles,
        unindexed_statements=unindexed_statements,
    )
