import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

# A worker asked to stop finishes its batch first; past this it is stopped mid-job, which
# the job survives (it is resumed from its last committed batch).
GRACE_SECONDS = 5


class Command(BaseCommand):
    help = ("Serve the archive and run one background worker beside it, for `make run`; "
            "Ctrl-C stops both.")

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--noreload", action="store_true",
                            help="Do not restart the web server when the code changes.")

    def handle(self, *args, addrport, noreload, **options):
        manage = [sys.executable, os.path.abspath(sys.argv[0])]
        server_command = [*manage, "runserver", addrport, *(["--noreload"] if noreload else [])]
        worker_command = [*manage, "db_worker", "--no-reload", "--no-startup-delay"]
        # Each in its own process group, so that one signal reaches a process and its
        # children (runserver's reloader runs the server as a child).
        server = subprocess.Popen(server_command, start_new_session=True)  # noqa: S603
        worker = subprocess.Popen(worker_command, start_new_session=True)  # noqa: S603
        stopping = []

        def stop(signum, frame):
            stopping.append(signum)

        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, stop)
        try:
            while not stopping and server.poll() is None and worker.poll() is None:
                time.sleep(0.2)
        finally:
            self.stop(server, signal.SIGINT)
            self.stop(worker, signal.SIGTERM)
        self.stdout.write("Web server and worker stopped.")

    @staticmethod
    def stop(process: subprocess.Popen, signum: int) -> None:
        for attempt in (signum, signal.SIGTERM, signal.SIGKILL):
            if process.poll() is not None:
                return
            try:
                os.killpg(process.pid, attempt)
            except ProcessLookupError:
                return
            try:
                process.wait(GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                continue
