"""gunicorn settings for the archive: `gunicorn -c gunicorn.conf.py archive.wsgi`.

Threaded workers (gthread): each worker's main thread keeps telling the arbiter it is
alive while request threads run, so a long export streams to the end instead of being
killed at `timeout` seconds after its HTTP 200 was sent (what the sync worker does: the
reader got a truncated file). `timeout` still catches a worker that hangs as a whole.
Every value can be changed through the environment.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Workers are recycled now and then, which bounds the memory any leak can take.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
