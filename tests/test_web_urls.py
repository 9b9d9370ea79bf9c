"""Only http and https links are stored, whichever way they arrive, and only they are drawn."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template import Context, Template

from articles.models import Article, Company, Source
from tests.factories import make_article, make_company, make_source

pytestmark = pytest.mark.django_db

HOSTILE = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
           "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
           "ftp://example.org/file"]


@pytest.mark.parametrize("url", HOSTILE)
def test_an_article_form_refuses_a_link_that_is_not_a_web_address(url):
    article = Article(title="Title", body="Body.", published_on="2024-01-01", url=url)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "url" in error.value.message_dict


@pytest.mark.parametrize(("model", "field"), [(Company, "website"), (Source, "homepage")])
def test_company_and_source_links_are_checked_the_same_way(model, field):
    entity = model(name="Hostile", **{field: "javascript:alert(1)"})
    with pytest.raises(ValidationError) as error:
        entity.full_clean(validate_unique=False)
    assert field in error.value.message_dict


@pytest.mark.parametrize("url", HOSTILE)
def test_the_database_refuses_a_hostile_link_saved_from_the_shell(url):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(url=url)


def test_a_bulk_insert_cannot_store_a_hostile_link_either():
    rows = [Article(title="Bulk", body="Body.", published_on="2024-01-01", slug="bulk",
                    content_hash="x", url="javascript:alert(1)")]
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.bulk_create(rows)


@pytest.mark.parametrize(("make", "field"), [(make_source, "homepage"),
                                             (make_company, "website")])
def test_entities_cannot_be_saved_with_a_hostile_link(make, field):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(**{field: "javascript:alert(1)"})


def test_web_addresses_are_kept_whatever_the_case_of_their_scheme():
    article = make_article(url="HTTPS://example.org/a")
    assert Article.objects.get(pk=article.pk).url == "HTTPS://example.org/a"


@pytest.mark.parametrize(("value", "drawn"), [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"),
    ("javascript:alert(1)", ""), ("data:text/html,x", ""), ("", ""), (None, ""),
])
def test_a_template_draws_only_web_addresses(value, drawn):
    template = Template("{% load links %}{{ value|web_url }}")
    assert template.render(Context({"value": value})) == drawn


def test_the_original_article_link_opens_no_window_reference(client):
    article = make_article(url="https://example.org/original")
    html = client.get(article.get_absolute_url()).content.decode()
    assert ('href="https://example.org/original" rel="nofollow noopener noreferrer"'
            in html)
