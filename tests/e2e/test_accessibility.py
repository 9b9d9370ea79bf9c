"""axe-core (bundled in axe-playwright-python, no network) on every reader page, at a
desktop's width and a phone's; each page's screenshots at both widths go to
var/screenshots; on a phone nothing scrolls sideways."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.test_reader_and_editor import archive  # noqa: F401  (the fixture)
from tests.reader_pages import reader_pages

pytestmark = pytest.mark.django_db(transaction=True)

PHONE, DESKTOP = 375, 1280


def problems_on(page, axe, name) -> list[str]:
    """axe's violations, and sideways scrolling on a phone, at each width of `page`."""
    found = []
    for width in (PHONE, DESKTOP):
        page.set_viewport_size({"width": width, "height": 800})
        results = axe.run(page)
        found += [f"{name} at {width} px: {violation['id']} ({violation['impact']}): "
                  f"{violation['help']} — {[node['target'] for node in violation['nodes']]}"
                  for violation in results.response["violations"]]
        if width == PHONE:
            wide = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            if wide > 0:
                found.append(f"{name} at {width} px scrolls sideways by {wide} px")
    return found


def visit_all(page, base_url, pages, screenshot) -> list[str]:
    axe, found = Axe(), []
    for name, path in pages.items():
        page.goto(base_url + path)
        found += problems_on(page, axe, name)
        screenshot(name)
    return found


def test_every_reader_page_passes_axe_at_both_widths_and_fits_a_phone(
        page, live_server, archive, screenshot):  # noqa: F811
    found = visit_all(page, live_server.url, reader_pages(), screenshot)
    assert found == [], "\n".join(found)


def test_axe_reports_what_it_is_used_to_report(page, live_server, archive):  # noqa: F811
    page.goto(live_server.url)
    page.evaluate("document.querySelector('main').insertAdjacentHTML('afterbegin',"
                  " '<img src=\"/favicon.ico\"><input type=\"text\">')")
    found = problems_on(page, Axe(), "home")
    assert any("image-alt" in problem for problem in found)
    assert any("label" in problem for problem in found)
