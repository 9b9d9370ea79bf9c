import pytest

from articles.models import Article, Statement
from tests.factories import make_article, make_company, make_source, make_speaker, make_statement
from tests.queries import query_count

pytestmark = pytest.mark.django_db


def test_it_shows_the_body_in_paragraphs(client):
    article = make_article(body="One paragraph.\n\nAnother paragraph.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<p>One paragraph.</p>" in html
    assert "<p>Another paragraph.</p>" in html


def test_it_attributes_statements_with_the_title_printed_in_the_article(client):
    speaker = make_speaker(name="Viktor Example")
    company = make_company(name="Example Corp")
    article = make_article()
    make_statement(
        article, speaker=speaker, text="We are ready.", speaker_title="director",
        speaker_organization=company,
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "“We are ready.”" in html
    assert f'<a href="{speaker.get_absolute_url()}">Viktor Example</a>, director' in html
    assert company.get_absolute_url() in html


def test_an_unnamed_speaker_is_shown_as_such(client):
    article = make_article()
    make_statement(article, text="No comment.")
    assert "Unnamed speaker" in client.get(article.get_absolute_url()).content.decode()


def test_a_paraphrase_is_marked_and_not_put_in_quotation_marks(client):
    article = make_article()
    make_statement(article, text="He would decide later.", kind=Statement.Kind.PARAPHRASE)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "He would decide later. <span class=\"badge\">paraphrase</span>" in html


def test_it_links_countries_companies_sectors_and_source(client):
    company = make_company(name="Linked Corp")
    source = make_source(name="Linked Wire")
    article = make_article(countries=["TR"], companies=[company], source=source)
    html = client.get(article.get_absolute_url()).content.decode()
    for url in ("/countries/tr/", company.get_absolute_url(), source.get_absolute_url()):
        assert f'href="{url}"' in html


def test_a_draft_is_not_found_for_readers(client):
    draft = make_article(status=Article.Status.DRAFT)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "This page is not in the archive" in response.content.decode()


def test_staff_can_preview_a_draft(editor_client):
    draft = make_article(status=Article.Status.DRAFT)
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draft — only editors can see this page." in response.content.decode()


def test_it_escapes_everything_from_the_database(client):
    article = make_article(title="<script>alert(1)</script>", body="<b>bold</b> claim")
    make_statement(article, text="<img src=x onerror=alert(2)>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert "<b>bold</b>" not in html


def test_it_uses_a_constant_number_of_queries(client):
    company = make_company()
    article = make_article(countries=["TR"], companies=[company])

    def add(count):
        for _ in range(count):
            article.companies.add(make_company())
            make_statement(article, speaker=make_speaker(), speaker_organization=company)

    add(2)
    few = query_count(client, article.get_absolute_url())
    add(12)
    assert query_count(client, article.get_absolute_url()) == few
