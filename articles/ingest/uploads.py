"""Files an editor uploads, kept on disk until the worker that imports them is done.

A request ends long before its import does: the files go to the archive's file storage
(MEDIA_ROOT, shared by every worker), under the job's number, and are read back from
there — by whichever worker takes the job, after a restart too.
"""

from pathlib import Path

from django.core.files.storage import default_storage

from articles.ingest.readers import read_paths

FOLDER = "imports"


def store_uploads(job_id: int, uploads) -> list[dict]:
    """Save the uploaded files; returns what `stored_records` needs to read them again."""
    stored = []
    for number, upload in enumerate(uploads):
        # Uploaded names are the editor's; only their suffix is kept on disk.
        suffix = Path(upload.name).suffix.lower()[:10]
        path = default_storage.save(f"{FOLDER}/{job_id}/{number:05d}{suffix}", upload)
        stored.append({"name": upload.name, "path": path})
    return stored


def stored_records(stored: list[dict]):
    """The records of the stored files, reported under the names the editor gave them."""
    for item in stored:
        path = default_storage.path(item["path"])
        for record in read_paths([path]):
            record.origin = record.origin.replace(path, item["name"])
            yield record


def delete_stored(stored: list[dict]) -> None:
    for item in stored:
        default_storage.delete(item["path"])
    folders = {str(Path(item["path"]).parent) for item in stored}
    for folder in folders:
        path = Path(default_storage.path(folder))
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
