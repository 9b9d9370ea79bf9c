"""Settings are read at import time, so each case imports them in a fresh interpreter."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
LONG_KEY = "k" * 50


def load_settings(**environment):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO_", "DATABASE_"))}
    env.update(environment)
    code = "import archive.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True,
        timeout=60,
    )


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


def test_database_url_selects_postgresql():
    result = load_settings(DATABASE_URL="postgres://postgres@127.0.0.1:5432/archive")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "django.db.backends.postgresql"
