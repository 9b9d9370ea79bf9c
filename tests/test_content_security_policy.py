"""Every response carries a Content-Security-Policy: none for scripts on readers' pages."""

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {name: values for name, *values in parts}


@pytest.mark.parametrize("url", ["/", "/articles/", "/statements/", "/companies/",
                                 "/no-such-page/", "/articles/feed/"])
def test_readers_pages_allow_no_script_at_all(client, url):
    make_article(title="Reactor contract")
    policy = directives(client.get(url))
    assert "script-src" not in policy
    assert policy["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]


def test_readers_pages_load_styles_only_from_the_archive(client):
    assert directives(client.get("/"))["style-src"] == ["'self'"]


def test_the_admin_may_run_its_own_scripts_and_nothing_inline(editor_client):
    policy = directives(editor_client.get("/admin/articles/article/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["default-src"] == ["'none'"]
    assert policy["style-src"][:2] == ["'self'", "'unsafe-hashes'"]
    assert "'unsafe-inline'" not in policy["style-src"]
