import re

import pytest

from articles.models import Article, Company, Statement
from tests.factories import (
    make_article,
    make_company,
    make_role,
    make_source,
    make_speaker,
    make_statement,
)
from tests.queries import query_count

pytestmark = pytest.mark.django_db

CHANGELISTS = ["article", "statement", "company", "speaker", "country", "sector", "source"]


@pytest.mark.parametrize("model", CHANGELISTS)
def test_an_editor_can_open_every_changelist_and_add_form(editor_client, model):
    make_statement(make_article(countries=["TR"]), speaker=make_speaker())
    assert editor_client.get(f"/admin/articles/{model}/").status_code == 200
    assert editor_client.get(f"/admin/articles/{model}/add/").status_code == 200


@pytest.mark.parametrize(
    "url", ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"]
)
def test_an_editor_cannot_manage_users_or_permissions(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_a_reader_is_sent_to_the_login_page(client):
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")


def test_the_article_form_has_statements_inline_and_autocomplete_relations(editor_client):
    article = make_article()
    make_statement(article, text="An inline statement.")
    html = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "An inline statement." in html
    for field in ("countries", "companies", "sectors", "source"):
        assert re.search(rf'<select name="{field}"[^>]*data-ajax--url="/admin/autocomplete/"', html)
    assert "View on site" in html


def article_form_data(article, statements):
    data = {
        "title": article.title, "slug": article.slug, "status": article.status,
        "published_on": article.published_on.isoformat(), "body": article.body,
        "summary": "", "url": "", "byline": "", "source": "",
        "statements-TOTAL_FORMS": str(len(statements)), "statements-INITIAL_FORMS": "0",
        "statements-MIN_NUM_FORMS": "0", "statements-MAX_NUM_FORMS": "1000",
    }
    for index, statement in enumerate(statements):
        for key, value in statement.items():
            data[f"statements-{index}-{key}"] = value
    return data


def test_an_editor_adds_a_statement_and_publishes_the_article(editor_client):
    speaker = make_speaker(name="Alexander Example")
    company = make_company(name="Example Rail")
    article = make_article(status=Article.Status.DRAFT)
    data = article_form_data(article, [{
        "speaker": speaker.pk, "speaker_title": "General Manager",
        "speaker_organization": company.pk, "text": "If Turkey is ready, so are we.",
        "kind": "direct", "position": "1",
    }])
    data["status"] = Article.Status.PUBLISHED
    response = editor_client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    statement = Statement.objects.get(article=article)
    assert (statement.speaker, statement.speaker_title) == (speaker, "General Manager")
    article.refresh_from_db()
    assert article.is_published


def test_the_speaker_autocomplete_finds_speakers_by_name(editor_client):
    make_speaker(name="Sergey Example")
    make_speaker(name="Somebody Else")
    response = editor_client.get("/admin/autocomplete/", {
        "app_label": "articles", "model_name": "statement", "field_name": "speaker",
        "term": "sergey",
    })
    assert [item["text"] for item in response.json()["results"]] == ["Sergey Example"]


def test_publish_and_unpublish_actions_change_the_status(editor_client):
    first, second = make_article(status="draft"), make_article(status="draft")
    ids = [first.pk, second.pk]
    response = editor_client.post(
        "/admin/articles/article/", {"action": "publish", "_selected_action": ids}, follow=True
    )
    assert "2 articles published." in response.content.decode()
    assert Article.objects.published().count() == 2
    editor_client.post("/admin/articles/article/", {"action": "unpublish", "_selected_action": ids})
    assert Article.objects.published().count() == 0


def test_timestamps_and_content_hash_are_read_only(editor_client):
    article = make_article()
    html = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert 'name="created_at"' not in html
    assert 'name="content_hash"' not in html
    assert article.content_hash in html


def test_deleting_a_company_linked_to_articles_is_refused_in_the_admin(editor_client):
    company = make_company(name="Still Linked")
    make_article(title="Linking article", companies=[company])
    url = f"/admin/articles/company/{company.pk}/delete/"
    page = editor_client.get(url).content.decode()
    assert "Cannot delete" in page
    assert "Linking article" in page
    editor_client.post(url, {"post": "yes"})
    assert Company.objects.filter(pk=company.pk).exists()


def test_deleting_a_speaker_with_statements_is_refused_in_the_admin(editor_client):
    speaker = make_speaker(name="Still Quoted")
    make_statement(make_article(), speaker=speaker)
    page = editor_client.get(f"/admin/articles/speaker/{speaker.pk}/delete/").content.decode()
    assert "Cannot delete" in page


def test_aliases_are_edited_one_per_line(editor_client):
    response = editor_client.post("/admin/articles/company/add/", {
        "name": "United Example Corporation", "slug": "united-example-corporation",
        "kind": "company", "aliases": "UEXC\n\n  UEC  \nUEXC", "website": "", "description": "",
    })
    assert response.status_code == 302
    assert Company.objects.get(slug="united-example-corporation").aliases == ["UEXC", "UEC"]


def test_control_characters_pasted_into_aliases_are_dropped(editor_client):
    response = editor_client.post("/admin/articles/company/add/", {
        "name": "Control Example", "slug": "control-example", "kind": "company",
        "aliases": "C\x00E\x1b\nCEX\x0bCO", "website": "", "description": "",
    })
    assert response.status_code == 302
    assert Company.objects.get(slug="control-example").aliases == ["CE", "CEX", "CO"]


def test_the_article_changelist_uses_the_full_text_search(editor_client, indexed):
    with indexed():
        make_article(title="Pipeline talks", body="BOTAŞ supplies gas.", status="draft")
        make_article(title="Tank order")
    html = editor_client.get("/admin/articles/article/", {"q": "botas supply"}).content.decode()
    assert "Pipeline talks" in html
    assert "Tank order" not in html


def test_the_statement_changelist_uses_the_full_text_search(editor_client, indexed):
    with indexed():
        make_statement(make_article(), text="We would like to supply engines.")
        make_statement(make_article(), text="Nothing relevant.")
    html = editor_client.get("/admin/articles/statement/", {"q": "supplies"}).content.decode()
    assert "We would like to supply engines." in html
    assert "Nothing relevant." not in html


@pytest.mark.parametrize("model", CHANGELISTS)
def test_changelists_use_a_constant_number_of_queries(editor_client, model):
    def add(count):
        for _ in range(count):
            company = make_company(country_id="TR", parent=make_company())
            speaker = make_speaker(nationality_id="TR")
            make_role(speaker, organization=company)
            article = make_article(source=make_source(), countries=["TR"], companies=[company])
            make_statement(article, speaker=speaker, speaker_organization=company)

    add(2)
    few = query_count(editor_client, f"/admin/articles/{model}/")
    add(10)
    assert query_count(editor_client, f"/admin/articles/{model}/") == few


def test_the_article_change_form_uses_a_constant_number_of_queries(editor_client):
    article = make_article()

    def add(count):
        for _ in range(count):
            make_statement(article, speaker=make_speaker(), speaker_organization=make_company())

    url = f"/admin/articles/article/{article.pk}/change/"
    add(2)
    few = query_count(editor_client, url)
    add(10)
    assert query_count(editor_client, url) == few
