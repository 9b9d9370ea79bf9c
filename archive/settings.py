"""Settings for the archive, read from the environment.

Local development needs no configuration at all: SQLite under var/, DEBUG on and
a throwaway secret key. Production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS and DATABASE_URL; the helpers below refuse malformed values
instead of silently falling back to a default.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from archive.secret_key import LOCAL_KEY_PREFIX, weakness_of

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE_WORDS = {"1", "true", "yes", "on"}
_FALSE_WORDS = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    word = raw.strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", LOCAL_KEY_PREFIX + "change-me-in-production")
if not DEBUG and (weakness := weakness_of(SECRET_KEY)):
    raise ImproperlyConfigured(
        f"DJANGO_DEBUG is off but DJANGO_SECRET_KEY {weakness}. Set a long random key, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "archive.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "archive.outage.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "archive.not_found.ArchiveNotFoundMiddleware",
    "archive.routers.ReplicaMiddleware",
    "articles.pagecache.ReaderPageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite is the zero-setup default; DATABASE_URL selects PostgreSQL in production.
VAR_DIR = BASE_DIR / "var"
DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'archive.sqlite3'}"
DATABASE_URL = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
try:
    _database = dj_database_url.parse(DATABASE_URL)
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL={DATABASE_URL!r} cannot be parsed: {error}") from None

if _database["ENGINE"] == "django.db.backends.postgresql":
    # An outage must cost a reader seconds, not half a minute: connecting gives up quickly
    # (libpq counts whole seconds, 2 at least), a request waits for a pooled connection
    # only briefly before it gets the 503 page (archive/outage.py), and each connection
    # is checked as it leaves the pool, so the dead ones left by a restart are replaced
    # instead of handed to a request. While the server is away the pool retries with a
    # growing back-off; giving up after a few seconds lets the next request try at once,
    # so pages come back as soon as the server does, not at the pool's next retry.
    # No minimum: a pool only holds the connections its process has needed at once (one
    # for a sync gunicorn worker), because after a restart a request checks dead ones in
    # turn, with a back-off after the first.
    _statement_timeout_ms = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 0)
    _database["OPTIONS"] = {
        "connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 2),
        "pool": {
            "min_size": env_int("DATABASE_POOL_MIN", 0),
            "max_size": env_int("DATABASE_POOL_MAX", 8),
            "timeout": env_float("DATABASE_POOL_TIMEOUT", 1.5),
            "reconnect_timeout": 3.0,
        },
    }
    # With a pool, Django turns this into the pool's check=ConnectionPool.check_connection.
    _database["CONN_HEALTH_CHECKS"] = True
    if _statement_timeout_ms:
        _database["OPTIONS"]["options"] = f"-c statement_timeout={_statement_timeout_ms}"
elif _database["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    _database["CONN_MAX_AGE"] = 600
    _database["CONN_HEALTH_CHECKS"] = True
    # WAL lets readers carry on while an editor or an import writes.
    _database["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    raise ImproperlyConfigured(
        f"DATABASE_URL selects {_database['ENGINE']}; only SQLite and PostgreSQL are supported."
    )
DATABASES = {"default": _database}

# --- Read replicas (archive/routers.py) ------------------------------------------------------
# Comma-separated PostgreSQL streaming replicas of DATABASE_URL; anonymous readers' pages
# read from them. No pool: a replica that is down must fail fast (connect_timeout) and be
# skipped, not make readers wait for a pool.
DATABASE_REPLICA_URLS = env_list("DATABASE_REPLICA_URLS", [])
DATABASE_REPLICA_MAX_LAG = env_int("DATABASE_REPLICA_MAX_LAG", 10)
for _number, _url in enumerate(DATABASE_REPLICA_URLS):
    _replica = dj_database_url.parse(_url)
    if _replica["ENGINE"] != "django.db.backends.postgresql" or not DATABASE_URL.startswith(
            ("postgres://", "postgresql://")):
        raise ImproperlyConfigured("DATABASE_REPLICA_URLS are PostgreSQL replicas of a "
                                   "PostgreSQL DATABASE_URL.")
    _replica.update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True, TEST={"MIRROR": "default"},
                    OPTIONS={"connect_timeout": env_int("DATABASE_REPLICA_CONNECT_TIMEOUT", 2)})
    DATABASES[f"replica_{_number}"] = _replica
DATABASE_ROUTERS = ["archive.routers.ReplicaRouter"] if DATABASE_REPLICA_URLS else []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploaded files wait here for the worker that imports them; several machines' workers
# need it on shared storage.
MEDIA_ROOT = Path(os.environ.get("ARCHIVE_MEDIA_ROOT") or VAR_DIR / "media")

# --- Redis: the shared cache and, with TASKS_BACKEND=rq, the task queue ---------------------
# REDIS_URL shares one cache between app servers, so a change made through one is seen
# through all; without it each process keeps its own (fine for one server).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(f"REDIS_URL={REDIS_URL!r} is not a redis://, rediss:// or unix://"
                               " URL.")

# --- Background jobs ----------------------------------------------------------------------
# Django's tasks API (django-tasks). TASKS_BACKEND=database (the default) keeps the queue in
# the archive's own database, worked by `manage.py db_worker`; TASKS_BACKEND=rq queues on
# Redis (REDIS_URL), worked by any number of `manage.py rqworker --job-class
# django_tasks_rq.Job` processes.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database").strip().lower()
if TASKS_BACKEND == "rq" and not REDIS_URL:
    raise ImproperlyConfigured("TASKS_BACKEND=rq queues jobs on Redis: set REDIS_URL too.")
# How long one job may run on RQ before its worker stops it (RQ's default is 3 minutes).
JOB_TIMEOUT_SECONDS = env_int("JOB_TIMEOUT_SECONDS", 6 * 3600)
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASKS_BACKEND == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    INSTALLED_APPS.append("django_rq")  # its rqworker command; Redis is imported only then
elif TASKS_BACKEND == "immediate":
    # Runs each job inside the call that enqueues it: for trying things out, never for a server.
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND={TASKS_BACKEND!r}; use database (the default), rq or immediate."
    )
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": JOB_TIMEOUT_SECONDS}}
# An editor uploads a whole folder at once (Django's default stops at 100 files).
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("ARCHIVE_UPLOAD_MAX_FILES", 2000)
# A running job that has not reported progress for this long lost its worker.
JOB_STALLED_AFTER_SECONDS = env_int("JOB_STALLED_AFTER_SECONDS", 300)

# --- Fetching feeds and pages -----------------------------------------------------------------
# Limits of one fetch (articles/ingest/fetching.py): the whole of it, redirects included, and
# the body read. Addresses on private, loopback or link-local networks are refused (a feed
# entry must not make the server fetch from its own network), unless this is on: for tests
# and benchmarks serving feeds on loopback, or an intranet feed.
FETCH_TIMEOUT_SECONDS = env_int("ARCHIVE_FETCH_TIMEOUT_SECONDS", 15)
FETCH_MAX_BYTES = env_int("ARCHIVE_FETCH_MAX_BYTES", 5 * 1024 * 1024)
FETCH_PRIVATE_ADDRESSES = env_bool("ARCHIVE_FETCH_PRIVATE_ADDRESSES", False)

ARTICLES_PER_PAGE = env_int("ARCHIVE_ARTICLES_PER_PAGE", 20)

# --- Caches: readers' pages and counts (articles/caching.py, articles/pagecache.py) -------
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                "KEY_PREFIX": os.environ.get("ARCHIVE_CACHE_PREFIX", "archive")}
    if REDIS_URL else
    {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
}
# How long a browser or CDN may show a page without asking again; 0 = ask every time
# (a 304 when nothing changed), so no reader sees a page older than the last change.
ARCHIVE_PAGE_MAX_AGE = env_int("ARCHIVE_PAGE_MAX_AGE", 0)
ARCHIVE_PAGE_CACHE = env_bool("ARCHIVE_PAGE_CACHE", True)

# --- Security -----------------------------------------------------------------------------

# The reverse proxies in front of the app servers. Only when some are configured are the
# headers they set believed: X-Forwarded-For for the client's address (login lockouts,
# export limits) and X-Forwarded-Proto for HTTPS. Without a proxy anyone can send them.
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"DJANGO_PROXY_COUNT={PROXY_COUNT} cannot be negative.")
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", False)
    # Browsers only honour HSTS over HTTPS, so this costs a plain-HTTP test run nothing.
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True

# Readers' pages need no script at all; the admin's policy is in archive/csp.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    },
}

# Login throttling (django-axes): a username tried from one address is locked out after a
# few wrong passwords, for a while; a right password resets the count. Locking by the pair
# keeps a stranger from locking an editor out from elsewhere. Attempts are in the admin.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("ARCHIVE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ARCHIVE_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "archive.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False  # no banner on every command's output; attempts are in the admin

# Exports are the heaviest pages: a client may start a few a minute and run a couple at
# once, and all clients together only so many that page-serving workers stay free.
RATELIMIT_IP_META_KEY = "archive.client_ip.client_ip"
EXPORT_RATE = os.environ.get("ARCHIVE_EXPORT_RATE", "20/m")
if not re.fullmatch(r"[0-9]+/[0-9]*[smhd]", EXPORT_RATE):
    raise ImproperlyConfigured(f"ARCHIVE_EXPORT_RATE={EXPORT_RATE!r} is not a rate like 20/m.")
EXPORTS_PER_CLIENT = env_int("ARCHIVE_EXPORTS_PER_CLIENT", 2)
EXPORTS_IN_TOTAL = env_int("ARCHIVE_EXPORTS_IN_TOTAL", 4)


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # httpx logs every request at INFO; a poll's outcome is on its feed and its job instead.
    "loggers": {"httpx": {"level": "WARNING"}, "httpcore": {"level": "WARNING"}},
}
