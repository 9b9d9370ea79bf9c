"""/companies/ and /speakers/: most covered first, counted as readers see the archive."""

import pytest
from django.test import Client

from articles.models import Article
from tests.factories import make_article, make_company, make_speaker, make_statement, make_story

pytestmark = pytest.mark.django_db


def listed_names(client, url):
    return [entity.name for entity in client.get(url).context["page"].object_list]


def counts(client, url, attribute):
    return {entity.name: getattr(entity, attribute)
            for entity in client.get(url).context["page"].object_list}


def test_companies_are_listed_most_covered_first_then_by_name(client):
    busy, quiet, also_quiet = (make_company(name=name) for name in ("Zeta", "Beta", "Alpha"))
    for _ in range(2):
        make_article(companies=[busy])
    make_article(companies=[quiet, also_quiet])
    assert listed_names(client, "/companies/") == ["Zeta", "Alpha", "Beta"]


def test_a_company_count_leaves_out_drafts_and_the_copies_of_a_story(client):
    company = make_company(name="Counted")
    original = make_article(companies=[company])
    copy = make_article(companies=[company])
    make_story(original, copy)
    make_article(companies=[company], status=Article.Status.DRAFT)
    assert counts(client, "/companies/", "article_count") == {"Counted": 1}


def test_a_company_awaiting_review_is_listed_for_editors_only(editor_client):
    make_company(name="Proposed", is_reviewed=False)
    make_company(name="Known")
    assert listed_names(Client(), "/companies/") == ["Known"]
    assert listed_names(editor_client, "/companies/") == ["Known", "Proposed"]


def test_the_company_list_counts_again_after_an_article_is_published(client):
    company = make_company(name="Rising")
    draft = make_article(companies=[company], status=Article.Status.DRAFT)
    assert counts(client, "/companies/", "article_count") == {"Rising": 0}
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert counts(client, "/companies/", "article_count") == {"Rising": 1}


def test_speakers_are_listed_by_their_published_statements(client):
    talkative, brief = make_speaker(name="Talkative"), make_speaker(name="Brief")
    article = make_article()
    for _ in range(3):
        make_statement(article, speaker=talkative)
    make_statement(article, speaker=brief)
    make_statement(make_article(status=Article.Status.DRAFT), speaker=brief)
    assert counts(client, "/speakers/", "statement_count") == {"Talkative": 3, "Brief": 1}
    assert listed_names(client, "/speakers/") == ["Talkative", "Brief"]


def test_a_speaker_awaiting_review_is_listed_for_editors_only(editor_client):
    make_speaker(name="Unconfirmed", is_reviewed=False)
    assert listed_names(Client(), "/speakers/") == []
    assert listed_names(editor_client, "/speakers/") == ["Unconfirmed"]
