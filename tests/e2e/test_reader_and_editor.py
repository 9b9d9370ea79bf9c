"""What a reader and an editor do in a browser, end to end."""

import importlib
import re
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

from articles import search
from articles.models import Article, Country, Statement
from tests.factories import make_editor

pytestmark = pytest.mark.django_db(transaction=True)

# The reference data that migrations load (countries, sectors, the Editors group) is wiped
# by the flush after each test that the live server needs a real commit for.
REFERENCE_DATA = ["0002_countries", "0003_sectors", "0004_editors_group",
                  "0007_sector_keywords_and_editor_permissions"]


def load_reference_data():
    for name in REFERENCE_DATA:
        migration = importlib.import_module(f"articles.migrations.{name}").Migration
        for operation in migration.operations:
            operation.code(django_apps, None)


@pytest.fixture
def archive(transactional_db):
    if not Country.objects.exists():
        load_reference_data()
    search.backend().clear()  # the flush left the index of the previous test's rows
    call_command("load_sample", stdout=StringIO())


def test_a_reader_searches_narrows_and_follows_the_links(page, live_server, archive,
                                                          screenshot):
    page.goto(live_server.url)
    screenshot("home")
    page.get_by_label("Search the archive").fill("turbines")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/articles/\?q=turbines"))
    assert page.locator("mark").first.inner_text().lower().startswith("turbine")
    screenshot("search")

    facets = page.get_by_role("complementary", name="Narrow down")
    facets.get_by_role("link", name="Russia").click()
    page.wait_for_url(re.compile(r"country=RU"))
    page.get_by_role("complementary", name="Narrow down").get_by_role(
        "link", name="Volkaro Engine Works").click()
    page.wait_for_url(re.compile(r"company=volkaro-engine-works"))
    page.get_by_role("complementary", name="Narrow down").get_by_role(
        "link", name=re.compile("Pipelines")).click()
    page.wait_for_url(re.compile(r"sector=pipelines"))
    assert page.get_by_text("Country:").is_visible()

    page.locator("ol.results h3 a").first.click()
    page.wait_for_url(re.compile(r"/articles/[\w-]+/$"))
    screenshot("article")
    page.locator(".attribution a").first.click()
    page.wait_for_url(re.compile(r"/speakers/[\w-]+/$"))
    assert page.get_by_role("heading", name="Roles over time").is_visible()
    screenshot("speaker")


def test_a_reader_opens_a_country_pair_and_takes_the_list_away(page, live_server, archive,
                                                                screenshot):
    page.goto(f"{live_server.url}/countries/ru/")
    page.get_by_role("link", name="Russia and Türkiye").click()
    page.wait_for_url(re.compile(r"/countries/ru/tr/$"))
    assert page.get_by_role("heading", name="Companies from Türkiye").is_visible()
    screenshot("country-pair")

    page.goto(f"{live_server.url}/statements/?country=ru&country=tr")
    subscribe = page.get_by_role("link", name="Subscribe (Atom feed)")
    assert subscribe.get_attribute("href") == "/statements/feed/?country=ru&country=tr"
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename == "statements_country-ru-tr.csv"
    content = download.value.path().read_text(encoding="utf-8")
    assert content.startswith("\ufeffid,article_id,speaker_slug,text,kind,speaker")
    assert "Marek Danilov" in content
    screenshot("statements")


def test_statements_by_russian_executives_about_turkey_as_a_feed(page, live_server, archive):
    page.goto(live_server.url)
    page.get_by_role("link", name="Statements").first.click()
    page.get_by_label("Add a country").select_option("RU")
    page.get_by_role("button", name="Apply").click()
    page.get_by_label("Add a country").select_option("TR")
    page.get_by_label("Add a sector").select_option("defense")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"sector=defense"))
    href = page.get_by_role("link", name="Subscribe (Atom feed)").get_attribute("href")
    response = page.request.get(live_server.url + href)
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert "Marek Danilov" in response.text()


def test_an_editor_adds_a_statement_with_the_speaker_autocomplete_and_publishes(
        page, live_server, archive, screenshot):
    make_editor("desk")
    draft = Article.objects.filter(status=Article.Status.DRAFT).order_by("pk").first()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    page.locator(".add-row a").click()
    form = page.locator(".inline-related:not(.empty-form)").last
    form.locator("select[name$='-speaker'] + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Abenova")
    page.locator(".select2-results__option", has_text="Dana Abenova").click()
    form.locator("textarea[name$='-text']").fill("We will build the line ourselves.")
    page.select_option("#id_status", "published")
    screenshot("admin-article")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/articles/article/$"))
    draft.refresh_from_db()
    assert draft.is_published
    statement = Statement.objects.get(text="We will build the line ourselves.")
    assert statement.speaker.name == "Dana Abenova"
    page.goto(f"{live_server.url}/speakers/dana-abenova/")
    assert page.get_by_text("We will build the line ourselves.").is_visible()


def test_a_new_user_imports_a_folder_reviews_publishes_and_finds_the_statements(
        page, live_server, archive, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "frigate.txt").write_text(
        "Published: 2024-05-02\n\nShipyard wins frigate order\n\n"
        "Nordic Yards will build two frigates for Norway.\n\n"
        "\"This order secures 2,000 jobs,\" said Lars Berg, chief executive of Nordic Yards.\n",
        encoding="utf-8")
    (inbox / "rail.json").write_text(
        '{"title": "Rail order", "body": "Trains were ordered.", "published": "2024-01-02"}',
        encoding="utf-8")
    (inbox / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>'
        "<title>Gas deal signed</title><link>https://example.org/gas</link>"
        "<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>"
        "<description>A supply deal with Turkey.</description></item></channel></rss>",
        encoding="utf-8")
    (inbox / "broken.json").write_text('{"title": ', encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit):
        call_command("import_articles", str(inbox), stdout=out, stderr=err)
    assert "3 created, 0 updated, 0 unchanged, 1 failed" in out.getvalue()
    assert "broken.json: malformed JSON" in err.getvalue()

    make_editor("desk")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/articles/article/?suggestions=waiting")
    page.locator("tr", has_text="Shipyard wins frigate order").get_by_role(
        "link", name=re.compile(r"^Review")).click()
    page.wait_for_url(re.compile(r"/review/$"))
    assert page.locator("mark", has_text="This order secures 2,000 jobs").is_visible()
    page.get_by_role("button", name="Save and go to the article").click()
    page.wait_for_url(re.compile(r"/change/$"))
    page.select_option("#id_status", "published")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/articles/article/$"))

    page.goto(f"{live_server.url}/speakers/lars-berg/")
    assert page.get_by_text("This order secures 2,000 jobs").is_visible()
    assert page.get_by_text("chief executive").first.is_visible()

    page.goto(f"{live_server.url}/admin/articles/reviewdecision/quality/")
    overall = page.locator("#overall tbody tr")
    assert overall.locator("td").nth(0).inner_text() == "1"  # one decision: accepted as proposed
    assert overall.locator("td").nth(6).inner_text() == "1.00"
