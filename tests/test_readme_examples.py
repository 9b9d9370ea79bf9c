"""Every example address in the README works on what `make run` serves: the sample
archive. The addresses are read out of README.md, so the README cannot drift from it."""

import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command

README = Path(__file__).resolve().parents[1] / "README.md"
# A path in backticks, without placeholders (`<slug>`) or elisions (`?q=…`).
EXAMPLE = re.compile(r"`(/(?:articles|statements|companies|speakers|countries|sectors|sources|"
                     r"stories|sitemap)[^`<…\s]*|/)`")

pytestmark = pytest.mark.django_db


def readme_examples() -> list[str]:
    return sorted(set(EXAMPLE.findall(README.read_text(encoding="utf-8"))))


def list_page(path: str) -> str:
    """The HTML list a feed or a download is made from: /articles/feed/ -> /articles/."""
    return "/" + path.strip("/").split("/")[0] + "/"


def rows_in(response) -> int | None:
    """How many results the response holds; None for a page that lists nothing."""
    kind = response["Content-Type"]
    body = (b"".join(response.streaming_content) if response.streaming
            else response.content).decode()
    if "atom" in kind:
        return body.count("<entry>")
    if "csv" in kind:
        return len(body.strip().splitlines()) - 1
    if "json" in kind:
        return len(json.loads(body))
    if "xml" in kind:
        return body.count("<loc>")
    for name in ("article_page", "statement_page"):
        if response.context and name in response.context:
            return len(response.context[name].object_list)
    return None


@pytest.fixture
def sample(indexed):
    with indexed():
        call_command("load_sample", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_readme_gives_examples_of_every_kind():
    examples = readme_examples()
    assert len(examples) >= 25
    assert any("/feed/" in url for url in examples)
    assert any("export.csv" in url for url in examples)
    assert any("?q=" in url and url.startswith("/statements/") for url in examples)


def test_every_readme_example_answers_with_results_on_the_sample_archive(client, sample):
    failures = []
    for example in readme_examples():
        address = urlsplit(example)
        response = client.get(address.path, parse_qsl(address.query))
        rows = rows_in(response) if response.status_code == 200 else None
        if response.status_code != 200:
            failures.append(f"{example}: status {response.status_code}")
        elif rows == 0 or (address.query and rows is None):
            failures.append(f"{example}: no results")
        elif address.query:
            # A value the archive does not know is ignored, with a notice: results then
            # would not show what the example says.
            listed = client.get(list_page(address.path), parse_qsl(address.query))
            failures.extend(f"{example}: {notice}" for notice in listed.context["notices"])
    assert failures == []
