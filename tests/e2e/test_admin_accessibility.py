"""axe-core on the editors' main pages, at a desktop's width and a phone's, with their
screenshots at both widths in var/screenshots."""

import pytest

from tests.e2e.test_accessibility import visit_all
from tests.e2e.test_admin_layout import signed_in  # noqa: F401  (the fixture)
from tests.e2e.test_reader_and_editor import archive  # noqa: F401  (the fixture)
from tests.reader_pages import admin_pages

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_editors_main_pages_pass_axe_at_both_widths(
        signed_in, live_server, screenshot):  # noqa: F811
    signed_in.wait_for_url(f"{live_server.url}/admin/")
    found = visit_all(signed_in, live_server.url, admin_pages(), screenshot)
    assert found == [], "\n".join(found)
