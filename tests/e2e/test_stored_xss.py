"""Stored XSS, tried as an attacker would: every payload of tests/security/payloads.py
through every write path, then every reader and review page opened in Chromium, and every
link on it clicked.

Write paths: the admin's add forms (articles, companies, speakers, sources), the admin's
import page driven in the browser with text, JSON Lines and RSS files — and files whose
names are payloads. A payload that ran would have pushed its number onto `window.__xss` or
opened a dialog; both are watched on load and after each click. Links are clicked in place
with every navigation away blocked, so a `javascript:` link would run in the page, and
every link's scheme is checked too.
"""

import json
import re
from urllib.parse import quote

import pytest
from django.test import Client

from articles.models import Article, Company, Source, Speaker, Statement
from tests.e2e.test_reader_and_editor import load_reference_data
from tests.factories import make_editor
from tests.jobs import work_off_queue
from tests.security.payloads import PAYLOADS

pytestmark = pytest.mark.django_db(transaction=True)

WEB_SCHEMES = {"http:", "https:", "mailto:"}
# After each click the page's queued tasks run (a javascript: URL is one) before the next.
# A dispatched click, not link.click(): SVG links (the co-mention network) have no click().
CLICK_EVERY_LINK = """async () => {
    for (const link of [...document.querySelectorAll("a")]) {
        link.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));
        await new Promise(resolve => setTimeout(resolve, 0));
    }
}"""
# The scheme of an HTML or an SVG link (an SVG link's href is no string).
PROTOCOL_OF = """link => {
    const href = link.getAttribute("href")
        ?? link.getAttributeNS("http://www.w3.org/1999/xlink", "href");
    try { return new URL(href, document.baseURI).protocol; } catch { return "unparsable:"; }
}"""
LINK_SCHEMES = ("() => [...document.querySelectorAll('a[href], a[*|href]')].map("
                + PROTOCOL_OF + ")")
# Independent of the Content-Security-Policy, which would stop a script that got through:
# a payload that became markup (a script, an event handler, a frame) is found in the DOM.
INJECTED_MARKUP = """() => [...document.querySelectorAll("*")].filter(element =>
    (element.tagName === "SCRIPT" && element.text.includes("__xss"))
    || [...element.attributes].some(attribute => attribute.value.includes("__xss") && (
        attribute.name.startsWith("on") || ["srcdoc", "data", "action", "formaction"]
            .includes(attribute.name)
        || (["href", "src"].includes(attribute.name)
            && !/^(https?:|\\/|\\?|#)/i.test(attribute.value.trim()))))
).map(element => element.outerHTML.slice(0, 120))"""


# In every document, before its own scripts: window.__xss reports each value set to it
# (so nothing is lost if the page changes), and a click on a web link stays on the page
# (its handlers run; a javascript: link runs; only the navigation to our pages is held).
WATCH_SCRIPT_TEMPLATE = """(() => {
    let ran = [];
    Object.defineProperty(window, "__xss", {
        get: () => ran,
        set: value => { ran = value; window.__reportXss(JSON.stringify(value)); },
    });
    document.addEventListener("click", event => {
        const link = event.target.closest && event.target.closest("a");
        if (link && ["http:", "https:"].includes((PROTOCOL_OF)(link))) event.preventDefault();
    }, true);
})()"""
WATCH_SCRIPT = WATCH_SCRIPT_TEMPLATE.replace("PROTOCOL_OF", PROTOCOL_OF)


class Watch:
    """What ran in a page: payload numbers set on window.__xss and dialogs opened."""

    def __init__(self, page):
        self.page = page
        self.ran = []
        page.on("dialog", self.dismiss)
        page.expose_function("__reportXss", lambda value: self.ran.append(json.loads(value)))
        page.add_init_script(WATCH_SCRIPT)

    def dismiss(self, dialog):
        self.ran.append(f"dialog {dialog.message}")
        dialog.dismiss()

    def visit(self, url: str) -> dict:
        """Load the page, then click each of its links; what ran, and any foreign scheme."""
        self.ran = []
        self.page.goto(url, wait_until="load")
        self.page.wait_for_timeout(50)  # autofocus and ontoggle fire just after load
        found = {"on load": self.ran, "injected markup": self.page.evaluate(INJECTED_MARKUP)}
        schemes = set(self.page.evaluate(LINK_SCHEMES)) - WEB_SCHEMES
        self.ran = []
        self.page.evaluate(CLICK_EVERY_LINK)
        self.page.wait_for_timeout(50)
        found["on click"] = self.ran
        found["link schemes"] = sorted(schemes)
        return {key: value for key, value in found.items() if value}


def management_forms(client, url: str) -> dict:
    """The inline formsets' management fields of an admin form, with no inline rows."""
    html = client.get(url).content.decode()
    data = {}
    for prefix in re.findall(r'name="([\w-]+)-TOTAL_FORMS"', html):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    return data


def post_admin_form(client, model: str, fields: dict, url_field: str, url: str) -> None:
    """Submit an add form with a payload as its link; refused, submit it without."""
    address = f"/admin/articles/{model}/add/"
    data = {**management_forms(client, address), **fields}
    response = client.post(address, {**data, url_field: url})
    if response.status_code == 200:
        assert url_field in response.context["adminform"].form.errors, url
        response = client.post(address, {**data, url_field: ""})
    assert response.status_code == 302, response.content.decode()[:3000]


def store_through_admin_forms(client) -> None:
    for number, payload in enumerate(PAYLOADS):
        following = PAYLOADS[(number + 1) % len(PAYLOADS)]
        if number % 3 == 0:
            post_admin_form(client, "article", {
                "title": payload, "summary": following, "byline": payload,
                "body": f"{payload}\n\n{following}", "status": "published",
                "published_on": "2024-01-01", "slug": "", "source": ""}, "url", payload)
        post_admin_form(client, "company", {
            "name": f"{payload} Co", "kind": "company", "description": following,
            "aliases": payload, "is_reviewed": "on", "slug": ""}, "website", payload)
        post_admin_form(client, "speaker", {
            "name": f"{payload} Person", "description": following, "aliases": payload,
            "is_reviewed": "on", "slug": ""}, "", "")
        if number % 4 == 0:
            post_admin_form(client, "source", {"name": f"{payload} Wire", "slug": ""},
                            "homepage", payload)


def hostile_files() -> list[dict]:
    """Text files, one JSON Lines file and one RSS feed, and empty files named as payloads."""
    files = []
    for number, payload in enumerate(PAYLOADS[::6]):
        files.append({"name": f"{payload}.txt", "mimeType": "text/plain", "buffer": (
            f"Source: {payload}\nByline: {payload}\nURL: https://example.org/t/{number}\n"
            f"Summary: {payload}\nPublished: 2024-02-0{1 + number % 9}\n\n"
            f"{payload} in a text file\n\n“{payload},” said Anna Example.\n").encode()})
        # The same file with the payload as its URL: refused and reported, by its name.
        files.append({"name": f"url {payload}.txt", "mimeType": "text/plain", "buffer": (
            f"URL: {payload}\n\nRefused {number}\n\nBody.\n").encode()})
    records = [{
        "title": f"JSON record {number}: {payload}", "body": f"{payload}\n\nMore text.",
        "summary": payload, "byline": payload, "source": f"{payload} Agency",
        "published": "2024-03-01", "url": f"https://example.org/j/{number}",
        "companies": [{"name": f"{payload} Holding"}],
        "statements": [{"text": other, "speaker": f"{other} Speaker",
                        "speaker_title": other, "organization": f"{other} Org"}
                       for other in PAYLOADS[number::8]],
    } for number, payload in enumerate(PAYLOADS[:8])]
    files.append({"name": "records.jsonl", "mimeType": "application/json",
                  "buffer": "\n".join(json.dumps(r) for r in records).encode()})
    items = "".join(
        f"<item><title>{escape_xml(payload)}</title><link>{escape_xml(link)}</link>"
        f"<author>{escape_xml(payload)}</author>"
        f"<description>{escape_xml(payload)}</description></item>"
        for number, payload in enumerate(PAYLOADS[2::5])
        for link in ([f"https://example.org/r/{number}"] if number % 2 else [payload]))
    files.append({"name": "feed.xml", "mimeType": "application/rss+xml", "buffer": (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile feed</title>'
        f"{items}</channel></rss>").encode()})
    # Blank (not zero-byte, which the form refuses): each reported as "empty file".
    files += [{"name": f"{payload}.json", "mimeType": "application/json", "buffer": b"\n"}
              for payload in PAYLOADS]
    return files


def escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.fixture
def editor_browser(browser, live_server):
    load_reference_data()
    editor = make_editor()
    client = Client()
    client.force_login(editor)
    context = browser.new_context()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield client, page
    context.close()


def reader_pages() -> list[str]:
    pages = ["/", "/statements/", "/companies/", "/speakers/", "/sources/", "/sectors/",
             "/countries/"]
    pages += [f"/articles/?page={n}" for n in range(1, Article.objects.count() // 20 + 2)]
    pages += [f"/statements/?page={n}" for n in range(1, Statement.objects.count() // 20 + 2)]
    pages += [f"/companies/?page={n}" for n in range(2, Company.objects.count() // 50 + 2)]
    pages += [f"/speakers/?page={n}" for n in range(2, Speaker.objects.count() // 50 + 2)]
    pages += [article.get_absolute_url() for article in Article.objects.all()]
    # Every entity's name is on the lists above and on its articles' pages; of their own
    # pages (the heaviest, with charts and a network) a fifth of each kind.
    for model in (Company, Speaker, Source):
        pages += [entity.get_absolute_url() for entity in model.objects.all()[::5]]
    # Reflected: payloads as the search, as unknown filters, as a page number.
    pages += [f"/articles/?q={quote(p)}&company={quote(p)}&page={quote(p)}"
              for p in PAYLOADS[::4]]
    pages += [f"/statements/?q={quote(p)}&speaker={quote(p)}" for p in PAYLOADS[1::4]]
    return pages


def review_pages() -> list[str]:
    pages = [f"/admin/articles/{model}/" for model in
             ("article", "statement", "company", "speaker", "source")]
    pages += ["/admin/articles/statement/?is_reviewed__exact=0",
              f"/admin/articles/article/?q={quote(PAYLOADS[0])}"]
    ids = list(Article.objects.values_list("pk", flat=True))
    pages += [f"/admin/articles/article/{pk}/review/" for pk in ids]
    pages += [f"/admin/articles/article/{pk}/change/" for pk in ids[::3]]
    pages += [f"/admin/articles/article/{pk}/history/"
              for pk in Article.objects.values_list("pk", flat=True)[::4]]
    for model in (Company, Speaker):
        pages += [f"/admin/articles/{model._meta.model_name}/{pk}/change/"
                  for pk in model.objects.values_list("pk", flat=True)[::6]]
    return pages


def test_the_watch_sees_a_payload_that_runs_on_load_and_on_click(editor_browser,
                                                                  live_server):
    """The harness itself can fail: a page that does run payloads is caught both ways, in
    HTML links and in SVG ones, and the page's own links are not followed."""
    _, page = editor_browser
    watch = Watch(page)
    page.route(f"{live_server.url}/hostile-page/", lambda route: route.fulfill(
        content_type="text/html", body=f"<p>{PAYLOADS[3]}</p><a href=\"{PAYLOADS[16]}\">x</a>"
        f'<svg><a href="{PAYLOADS[16]}"><text y="10">y</text></a></svg>'
        '<a href="/articles/">away</a><svg><a href="/articles/"><text>away</text></a></svg>'))
    found = watch.visit(f"{live_server.url}/hostile-page/")
    assert found["on load"] == [[4], "dialog 4"]
    # The HTML link's payload, then the SVG link's.
    assert found["on click"] == [[4, 17], "dialog 17", [4, 17, 17], "dialog 17"]
    assert found["link schemes"] == ["javascript:"]
    assert len(found["injected markup"]) == 3


def test_no_payload_runs_on_any_reader_or_review_page(editor_browser, live_server):
    client, page = editor_browser
    store_through_admin_forms(client)
    page.goto(f"{live_server.url}/admin/articles/article/import/")
    page.set_input_files("input[name=files]", hostile_files())
    page.select_option("select[name=status]", "draft")
    with page.expect_navigation():
        page.get_by_role("button", name="Import").click()
    # The upload is a background job: work the queue, then open its page again, finished.
    work_off_queue()
    page.reload()
    assert "Finished:" in page.content(), page.content()[-3000:]

    watch = Watch(page)
    problems = {}
    import_summary = watch.visit(page.url)  # no resubmission: the page is as it was shown
    if import_summary:
        problems["the import summary"] = import_summary
    visited = 0
    # Suggestions are shown to editors while unreviewed ...
    for path in review_pages():
        visited += 1
        if found := watch.visit(f"{live_server.url}{path}"):
            problems[path] = found
    # ... and to readers once accepted and published.
    Article.objects.update(status=Article.Status.PUBLISHED)
    Statement.objects.update(is_reviewed=True)
    Company.objects.update(is_reviewed=True)
    Speaker.objects.update(is_reviewed=True)
    for path in reader_pages():
        visited += 1
        if found := watch.visit(f"{live_server.url}{path}"):
            problems[path] = found

    stored = [Article.objects.count(), Company.objects.count(), Statement.objects.count()]
    print(f"\n{len(PAYLOADS)} payloads stored ({stored[0]} articles, {stored[1]} companies, "
          f"{stored[2]} statements), {visited + 1} pages opened and every link clicked: "
          f"{len(problems)} pages ran a payload or linked to another scheme")
    assert not problems
    assert not Article.objects.exclude(url="").exclude(url__startswith="https://").exists()
