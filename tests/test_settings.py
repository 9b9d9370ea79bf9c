"""Settings are read at import time, so each case imports them in a fresh interpreter."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
LONG_KEY = secrets.token_urlsafe(50)


def clean_environment(**environment) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO_", "DATABASE_", "ARCHIVE_"))}
    env.update(environment)
    return env


def load_settings(code="print(s.DEBUG, s.DATABASES['default']['ENGINE'])", **environment):
    return subprocess.run(
        [sys.executable, "-c", "import archive.settings as s; " + code], cwd=PROJECT,
        env=clean_environment(**environment), capture_output=True, text=True, timeout=60,
    )


def production(code, **environment):
    result = load_settings(code, DJANGO_DEBUG="0", DJANGO_SECRET_KEY=LONG_KEY, **environment)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_local_defaults_need_no_configuration():
    result = load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3"]


def test_production_refuses_to_start_without_a_real_secret_key():
    result = load_settings(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_starts_with_a_secret_key():
    result = load_settings(DJANGO_DEBUG="false", DJANGO_SECRET_KEY=LONG_KEY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


@pytest.mark.parametrize(
    "name, value",
    [("DJANGO_DEBUG", "maybe"), ("DATABASE_POOL_MAX", "lots"), ("DATABASE_URL", "mysql://x/y")],
)
def test_malformed_values_fail_loudly_with_the_variable_name(name, value):
    result = load_settings(**{"DATABASE_URL": "postgres://127.0.0.1/archive", name: value})
    assert result.returncode != 0
    assert name in result.stderr


def test_the_redis_queue_without_a_redis_url_fails_loudly():
    result = load_settings(TASKS_BACKEND="rq", REDIS_URL="")
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_a_redis_url_of_another_scheme_fails_loudly():
    result = load_settings(REDIS_URL="http://127.0.0.1:6379/0")
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_database_url_selects_postgresql():
    result = load_settings(DATABASE_URL="postgres://postgres@127.0.0.1:5432/archive")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "django.db.backends.postgresql"


@pytest.mark.parametrize("key", [
    "a" * 40,
    "a" * 60,
    "django-insecure-" + secrets.token_urlsafe(50),
    "abcde" * 12,
    "0123456789" * 6,
    secrets.token_urlsafe(20),
])
def test_production_refuses_a_weak_secret_key(key):
    result = load_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=key)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert key not in result.stderr


@pytest.mark.parametrize("key", [secrets.token_urlsafe(50), secrets.token_hex(32)])
def test_production_accepts_a_random_secret_key(key):
    assert load_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=key).returncode == 0


def test_production_sends_hsts_for_a_year_by_default():
    assert production("print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)") == (
        "31536000 True"
    )


def test_the_https_proxy_header_is_trusted_only_when_a_proxy_is_configured():
    code = "print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    assert production(code) == "None"
    assert production(code, DJANGO_PROXY_COUNT="1") == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_postgresql_connections_time_out_quickly_and_are_checked_in_the_pool():
    code = ("d = s.DATABASES['default']; o = d['OPTIONS']; "
            "print(o['connect_timeout'], o['pool']['timeout'], d['CONN_HEALTH_CHECKS'])")
    result = load_settings(code, DATABASE_URL="postgres://postgres@127.0.0.1:5432/archive")
    assert result.stdout.split() == ["2", "1.5", "True"]


def test_a_statement_timeout_is_set_only_when_asked_for():
    code = "print(s.DATABASES['default']['OPTIONS'].get('options'))"
    url = "postgres://postgres@127.0.0.1:5432/archive"
    assert load_settings(code, DATABASE_URL=url).stdout.strip() == "None"
    assert load_settings(code, DATABASE_URL=url, DATABASE_STATEMENT_TIMEOUT_MS="30000"
                         ).stdout.strip() == "-c statement_timeout=30000"


def test_a_malformed_export_rate_fails_loudly():
    result = load_settings(ARCHIVE_EXPORT_RATE="lots")
    assert result.returncode != 0
    assert "ARCHIVE_EXPORT_RATE" in result.stderr


def documented_production_settings() -> dict[str, str]:
    """The variables of the README's production block; a <placeholder> gets a random key."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- production settings -->\n```sh\n(.*?)```", readme, re.S).group(1)
    settings = {}
    for line in block.splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        if value:
            settings[name.strip()] = LONG_KEY if value.startswith("<") else value.strip()
    return settings


def test_the_documented_production_settings_pass_check_deploy_without_a_warning():
    documented = documented_production_settings()
    assert documented["DJANGO_DEBUG"] == "0"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT, env=clean_environment(**documented), capture_output=True, text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout
