import pytest

from articles.models import Article
from tests.factories import make_article, make_company, make_speaker, make_statement

pytestmark = pytest.mark.django_db


def test_the_sitemap_index_lists_every_section(client):
    xml = client.get("/sitemap.xml").content.decode()
    for section in ("articles", "companies", "countries", "sectors", "speakers", "sources"):
        assert f"/sitemap-{section}.xml" in xml


def test_the_sitemap_holds_published_content_only(client):
    shown = make_company(name="Shown Corp")
    hidden = make_company(name="Hidden Corp")
    published = make_article(title="Public", companies=[shown])
    make_statement(published, speaker=make_speaker(name="Public Speaker"))
    draft = make_article(title="Secret", companies=[hidden], status=Article.Status.DRAFT)
    make_statement(draft, speaker=make_speaker(name="Secret Speaker"))
    articles = client.get("/sitemap-articles.xml").content.decode()
    assert published.get_absolute_url() in articles and draft.get_absolute_url() not in articles
    companies = client.get("/sitemap-companies.xml").content.decode()
    assert shown.get_absolute_url() in companies and hidden.get_absolute_url() not in companies
    speakers = client.get("/sitemap-speakers.xml").content.decode()
    assert "public-speaker" in speakers and "secret-speaker" not in speakers


def test_an_article_offers_a_citation_and_a_canonical_url(client):
    article = make_article(title="Deal signed", url="https://example.org/deal")
    html = client.get(article.get_absolute_url() + "?utm=x").content.decode()
    assert "Cite this article" in html
    assert f"http://testserver{article.get_absolute_url()} (original: https://example.org/deal)" \
        in html
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in html
