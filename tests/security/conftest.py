# The browser tests here drive the same Chromium as tests/e2e, with the same fixtures.
from tests.e2e.conftest import browser, page  # noqa: F401
