import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand

from archive.app_server import ArchiveServer, manage
from archive.throwaway_postgres import ThrowawayPostgres
from articles.reliability.imports import kill_and_rerun
from articles.reliability.load import run_outage


class Command(BaseCommand):
    help = (
        "Start a throwaway PostgreSQL (never the machine's own), serve the archive under "
        "gunicorn against it, load it on loopback while the database restarts and then "
        "stops, and kill an import mid-run and rerun it; print what readers and the "
        "archive saw. Exits 1 when a target is missed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=4)
        parser.add_argument("--workers", type=int, default=3)
        parser.add_argument("--corpus", type=int, default=1000,
                            help="Synthetic articles served besides the sample archive.")
        parser.add_argument("--phase-seconds", type=float, default=8.0)
        parser.add_argument("--import-articles", type=int, default=400)

    def handle(self, *args, clients, workers, corpus, phase_seconds, import_articles,
               **options):
        with ThrowawayPostgres() as server, tempfile.TemporaryDirectory() as scratch:
            self.stdout.write(f"Throwaway PostgreSQL on 127.0.0.1:{server.port}")
            url = server.create_database("archive")
            manage(url, "migrate", "--no-input")
            manage(url, "load_sample")
            manage(url, "generate_corpus", "--articles", str(corpus))
            with ArchiveServer(url, workers=workers) as app:
                self.stdout.write(
                    f"Outage under load: gunicorn with {workers} workers, {clients} clients, "
                    f"{phase_seconds:g} s per phase")
                outage = run_outage(server, app.url, clients, phase_seconds)
            for line in outage.lines():
                self.stdout.write(f"  {line}")
            self.stdout.write("Killed import")
            killed = kill_and_rerun(server, Path(scratch) / "files", import_articles,
                                    kill_after=max(1, import_articles // 4))
            for line in killed.lines():
                self.stdout.write(f"  {line}")

        missed = outage_misses(outage) + ([] if killed.clean else ["the killed import"])
        if missed:
            self.stdout.write(self.style.ERROR("Targets missed: " + "; ".join(missed)))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS("All targets met."))


def outage_misses(outage) -> list[str]:
    misses = []
    if any(r.failed for r in outage.after_restart):
        misses.append("requests failed after the restart")
    if any(r.failed for r in outage.after_back):
        misses.append("requests failed after the database was back")
    if any(r.status != 503 or r.seconds >= 2.0 for r in outage.while_down):
        misses.append("a reader waited 2 s or more, or got no 503, while the database was down")
    return misses
