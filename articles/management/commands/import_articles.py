from datetime import date
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from articles.ingest.importer import Importer, ImportOptions
from articles.ingest.readers import folder_files, read_paths
from articles.ingest.uploads import store_uploads
from articles.jobs import Job
from articles.models import Article, Source
from articles.tasks import enqueue


class Command(BaseCommand):
    help = (
        "Import articles from text, JSON, JSON Lines, RSS/Atom and HTML (saved web page) files "
        "or directories; "
        "extraction proposes statements, speakers and organisations for review."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--source", help="Slug of the source of every article.")
        parser.add_argument("--published", help="YYYY-MM-DD, for files without a date.")
        parser.add_argument("--status", choices=Article.Status.values,
                            default=Article.Status.DRAFT)
        parser.add_argument("--no-extract", action="store_true")
        parser.add_argument("--dry-run", action="store_true",
                            help="Read and check everything, save nothing.")
        parser.add_argument("--update", action="store_true",
                            help="Refresh articles already in the archive.")
        parser.add_argument("--trust-file-status", action="store_true",
                            help="Keep the status and reviewed statements the files record: "
                                 "only for our own exports (export_articles) coming back.")
        parser.add_argument("--background", action="store_true",
                            help="Copy the files for a worker and queue the import as a job "
                                 "(watched in the admin under Jobs) instead of importing now.")

    def handle(self, *args, paths, source, published, status, no_extract, dry_run, update,
               trust_file_status, background, **options):
        options = ImportOptions(status=status, extract=not no_extract, dry_run=dry_run,
                                update=update, trust_file_status=trust_file_status)
        if source:
            options.source = Source.objects.filter(slug=source).first()
            if options.source is None:
                raise CommandError(f"There is no source “{source}”; add it in the admin first.")
        if published:
            try:
                options.default_published = date.fromisoformat(published)
            except ValueError:
                raise CommandError(f"--published {published!r} is not a YYYY-MM-DD date.") \
                    from None
        if background:
            if dry_run:
                raise CommandError("--dry-run and --background cannot go together.")
            self.queue(paths, options)
            return
        with tqdm(unit="articles", disable=None, file=self.stderr) as bar:
            summary = Importer(options).run(read_paths(paths), progress=bar.update)
        for note in summary.notes:
            self.stderr.write(f"note: {note}")
        for problem in summary.problems:
            self.stderr.write(self.style.ERROR(f"failed: {problem}"))
        prefix = "Dry run, nothing saved: " if dry_run else ""
        style = self.style.ERROR if summary.failed else self.style.SUCCESS
        self.stdout.write(style(f"{prefix}{summary.line()}."))
        if summary.failed:
            raise SystemExit(1)

    def queue(self, paths, options: ImportOptions) -> None:
        files = files_in(paths)
        with transaction.atomic():
            job = Job.objects.create(kind=Job.Kind.IMPORT, title=f"Import of {', '.join(paths)}")
            handles = [File(path.open("rb"), name=str(path)) for path in files]
            try:
                stored = store_uploads(job.pk, handles)
            finally:
                for handle in handles:
                    handle.close()
            job.parameters = {
                "files": stored, "source": options.source.pk if options.source else None,
                "status": options.status, "extract": options.extract, "update": options.update,
                "trust_file_status": options.trust_file_status,
                "published": options.default_published.isoformat()
                if options.default_published else None,
            }
            enqueue(job)
        self.stdout.write(self.style.SUCCESS(
            f"Job {job.pk} queued: {len(files)} files for a worker (admin: Jobs)."))


def files_in(paths) -> list[Path]:
    """The files named and those in the folders named, in the order import reads them."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files += folder_files(path)
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{path}: no such file or directory.")
    return files
