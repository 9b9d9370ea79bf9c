"""The editors' pages in a real browser: readable titles in the articles changelist at
1280 px, and every autocomplete's text field labelled (axe's `label` rule)."""

import pytest

from articles.models import Article
from tests.e2e.test_reader_and_editor import archive  # noqa: F401  (the sample, loaded)
from tests.factories import make_editor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def signed_in(page, live_server, archive):  # noqa: F811
    make_editor("desk")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    return page


def test_the_articles_changelist_keeps_titles_readable_at_1280_px(signed_in, live_server,
                                                                  screenshot):
    page = signed_in
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/articles/article/")
    widths = page.eval_on_selector_all(
        "#result_list td.field-title, #result_list th.field-title",
        "cells => cells.map(c => c.getBoundingClientRect().width)")
    lines = page.eval_on_selector_all(
        "#result_list td.field-title a, #result_list th.field-title a",
        "cells => cells.map(c => Math.round(c.getBoundingClientRect().height"
        " / parseFloat(getComputedStyle(c).lineHeight)))")
    screenshot("admin-article-changelist")
    assert min(widths) >= 300
    assert max(lines) <= 3
    # Every column in view: neither the page nor the table scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    assert page.eval_on_selector(".results", "r => r.scrollWidth - r.clientWidth") <= 0


def test_every_autocomplete_on_the_article_form_has_a_label(signed_in, live_server):
    page = signed_in
    article = Article.objects.order_by("pk").first()
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.wait_for_selector(".select2-container")
    fields = page.eval_on_selector_all(
        ".select2-search__field, .select2-selection[role=combobox]",
        "els => els.map(e => [e.className, e.getAttribute('aria-label') || "
        "(e.getAttribute('aria-labelledby') || '').split(' ').map(id => "
        "document.getElementById(id)?.textContent || '').join(' ')])")
    search_fields = [label for name, label in fields if "select2-search__field" in name]
    assert len(search_fields) >= 3  # countries, companies, sectors
    assert all(label.strip() for _, label in fields)


def test_autocompletes_drawn_later_are_labelled_too(signed_in, live_server):
    page = signed_in
    article = Article.objects.order_by("pk").first()
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.locator(".add-row a").click()
    form = page.locator(".inline-related:not(.empty-form)").last
    form.locator("select[name$='-speaker'] + .select2 .select2-selection").click()
    field = page.locator(".select2-container--open .select2-search__field")
    field.wait_for()
    page.wait_for_function(
        "() => document.querySelector('.select2-container--open .select2-search__field')"
        ".getAttribute('aria-label')")
    assert field.get_attribute("aria-label") == "Speaker"
