from functools import partial

import pytest
from django.core.cache import cache

from articles.search.entities import invalidate_gazetteer
from tests.factories import make_editor


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    # The manifest storage needs `collectstatic` first; test_static_files covers it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    # Tests look at what a view renders (response.context); test_page_cache turns it on.
    settings.ARCHIVE_PAGE_CACHE = False


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Rows made inside `with indexed():` reach the search index, as after a real commit.

    Tests run inside a transaction that never commits, and the index is updated on commit.
    """
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture(autouse=True)
def fresh_caches():
    # Each test's rows are rolled back, which no signal reports: start from empty caches.
    cache.clear()
    invalidate_gazetteer()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of each test in its own folder, gone with it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def web(settings):
    """A web site on loopback, which fetching may reach (it refuses private addresses
    otherwise), with a short timeout so that slow answers are tried in a second."""
    from articles.loopback_site import Site

    settings.FETCH_PRIVATE_ADDRESSES = True
    settings.FETCH_TIMEOUT_SECONDS = 1
    with Site() as site:
        yield site
