"""Lists on a phone and in the compact view, in a real browser: results first, the filters
one tap away in a disclosure, the facets one link away; on a desktop the filters shown."""

import re

import pytest

from tests.e2e.test_reader_and_editor import archive  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 667}


def test_on_a_phone_the_first_result_is_on_the_first_screen_and_filters_fold(
        page, live_server, archive):  # noqa: F811
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/articles/?q=turbines")
    first = page.locator("ol.results > li").first.bounding_box()
    assert first["y"] + 40 < PHONE["height"]
    order = page.get_by_label("Order")
    assert not order.is_visible()
    page.get_by_text("Filters and order").click()
    assert order.is_visible()
    assert order.input_value() == ""  # the default, shown as what it does:
    assert order.locator("option:checked").inner_text() == "Best match first"


def test_on_a_phone_the_facets_are_one_link_after_the_count(
        page, live_server, archive):  # noqa: F811
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/articles/")
    page.get_by_role("link", name="Narrow down").click()
    page.wait_for_url(re.compile(r"#facets-heading$"))
    heading = page.get_by_role("heading", name="Narrow down").bounding_box()
    assert 0 <= heading["y"] < PHONE["height"]


def test_on_a_desktop_the_filters_are_shown_without_a_disclosure(
        page, live_server, archive):  # noqa: F811
    page.goto(f"{live_server.url}/articles/")
    assert page.get_by_label("Order").is_visible()
    assert not page.get_by_text("Filters and order").is_visible()
    assert not page.get_by_role("link", name="Narrow down").is_visible()


def test_sending_the_form_unchanged_leaves_a_clean_address(
        page, live_server, archive):  # noqa: F811
    page.goto(f"{live_server.url}/articles/")
    page.get_by_label("Search", exact=True).fill("turbines")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"/articles/\?q=turbines$"))
    assert page.locator("h3 mark").first.inner_text().lower().startswith("turbine")


def test_the_compact_view_lists_a_row_an_article_and_keeps_its_page_size(
        page, live_server, archive, screenshot):  # noqa: F811
    page.goto(f"{live_server.url}/articles/")
    page.get_by_role("link", name="table", exact=True).click()
    page.get_by_role("link", name="50", exact=True).click()
    page.wait_for_url(re.compile(r"view=table"))
    table = page.locator("table.compact")
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["Date", "Title", "Source", "Countries", "Companies", "Statements"]
    assert table.locator("tbody tr").count() == int(
        re.match(r"\d+", page.locator("#results-heading").inner_text()).group())
    page.get_by_label("Search", exact=True).fill("pipeline")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"q=pipeline"))
    assert "view=table" in page.url and "per_page=50" in page.url
    screenshot("articles-table-search")
