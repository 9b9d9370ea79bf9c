"""The pages an editor uses run under the admin's Content-Security-Policy without a violation.

Chromium reports every blocked script, style, image or connection as a
`securitypolicyviolation` event; a listener installed before any page script counts
them, and the console's CSP errors are counted as well.
"""

import re

import pytest

from articles.models import Article, Company
from tests.e2e.test_reader_and_editor import archive  # noqa: F401  (the fixture)
from tests.factories import make_editor

pytestmark = pytest.mark.django_db(transaction=True)

COUNT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def watched(page):
    """The page, and the list of CSP violations seen on it so far."""
    seen = []
    page.add_init_script(COUNT_VIOLATIONS)
    page.on("console", lambda message: seen.append(message.text)
            if "Content Security Policy" in message.text else None)

    def violations():
        found = seen + page.evaluate("window.__cspViolations || []")
        seen.clear()
        return found

    return page, violations


def sign_in(page, live_server):
    make_editor("desk")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_the_admin_pages_an_editor_uses_raise_no_violation(watched, live_server,
                                                             archive):  # noqa: F811
    page, violations = watched
    sign_in(page, live_server)
    article = Article.objects.order_by("pk").first()
    company = Company.objects.order_by("pk").first()
    pages = [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/?suggestions=waiting",
        "/admin/articles/article/add/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/review/",
        f"/admin/articles/article/{article.pk}/history/",
        "/admin/articles/article/import/",
        "/admin/articles/statement/",
        "/admin/articles/company/",
        f"/admin/articles/company/{company.pk}/change/",
        "/admin/articles/speaker/",
        "/admin/articles/reviewdecision/quality/",
    ]
    found = {}
    for path in pages:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        if found_here := violations():
            found[path] = found_here
    assert found == {}, "\n".join(f"{path}: {found[path]}" for path in found)


def test_the_speaker_autocomplete_works_under_the_policy(watched, live_server,
                                                         archive):  # noqa: F811
    page, violations = watched
    sign_in(page, live_server)
    draft = Article.objects.order_by("pk").first()
    page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    page.locator(".add-row a").click()
    form = page.locator(".inline-related:not(.empty-form)").last
    form.locator("select[name$='-speaker'] + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Abenova")
    # The results arrive by XHR (connect-src): wait for them rather than look at once.
    page.locator(".select2-results__option", has_text="Dana Abenova").wait_for(state="visible")
    assert violations() == []


def test_a_readers_page_runs_no_script_and_raises_no_violation(watched, live_server,
                                                               archive):  # noqa: F811
    page, violations = watched
    for path in ["/", "/articles/", "/statements/", "/speakers/dana-abenova/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert violations() == []
    assert page.evaluate("document.scripts.length") == 0
