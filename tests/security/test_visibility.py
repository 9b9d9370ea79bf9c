"""Drafts and what extraction proposes stay with the editors: no reader surface shows them.

One archive holds, next to what readers may see, a draft article and every kind of
unreviewed suggestion: organisations (tagged on a published article, based in a country,
in a sector, parent and subsidiary of a reviewed company, the organisation of a role and
of a statement), a person (quoted, with a role and a nationality) and statements. Every
reader surface is asked for it as an anonymous reader, and none may name any of them.
"""

import re
from datetime import date

import pytest
from django.test import Client

from articles.models import Article, Sector
from tests.factories import (
    make_article,
    make_company,
    make_role,
    make_source,
    make_speaker,
    make_statement,
)

pytestmark = pytest.mark.django_db

# Everything below is in the archive, and no anonymous reader may see any of it.
HIDDEN = [
    "Proposed Shipyard", "proposed-shipyard", "Proposed Parent Group", "proposed-parent-group",
    "Petr Proposed", "petr-proposed", "Draft embargo secret", "draft-embargo-secret",
    "Unreviewed suggestion text", "Quoted by an unreviewed person",
    "Said for an unreviewed organisation", "Said in a draft article",
]


@pytest.fixture
def archive(indexed):
    """A published article full of suggestions, and a draft, both indexed for search."""
    with indexed():
        gas = Sector.objects.get(slug="natural-gas")
        parent = make_company(name="Proposed Parent Group", is_reviewed=False)
        holding = make_company(name="Visible Holding", country_id="TR", parent=parent,
                               sectors=[gas])
        shipyard = make_company(name="Proposed Shipyard", country_id="TR", parent=holding,
                                sectors=[gas], is_reviewed=False)
        alma = make_speaker(name="Alma Visible", nationality_id="TR")
        petr = make_speaker(name="Petr Proposed", nationality_id="TR", is_reviewed=False)
        make_role(alma, title="adviser", organization=shipyard, first_seen=date(2024, 1, 1))
        make_role(alma, title="spokeswoman", organization=holding, first_seen=date(2023, 1, 1),
                  last_seen=date(2023, 12, 31))
        make_role(petr, title="chief engineer", organization=holding)
        wire = make_source(name="Open Wire")
        published = make_article(
            title="Published pipeline deal", body="Visible Holding signed a pipeline deal.",
            countries=["TR", "AZ"], companies=[holding, shipyard], sectors=[gas], source=wire,
            published_on=date(2024, 3, 1),
        )
        make_statement(published, speaker=alma, speaker_organization=holding, position=1,
                       text="The pipeline reached its reviewed milestone.")
        make_statement(published, speaker=alma, position=2, is_reviewed=False,
                       text="Unreviewed suggestion text about the pipeline.")
        make_statement(published, speaker=petr, position=3,
                       text="Quoted by an unreviewed person about the pipeline.")
        make_statement(published, speaker=alma, speaker_organization=shipyard, position=4,
                       text="Said for an unreviewed organisation about the pipeline.")
        draft = make_article(
            title="Draft embargo secret", body="A pipeline embargo nobody may read yet.",
            countries=["TR", "GR"], companies=[holding], sectors=[gas], source=wire,
            published_on=date(2024, 5, 1), status=Article.Status.DRAFT,
        )
        make_statement(draft, speaker=alma, speaker_organization=holding,
                       text="Said in a draft article about the pipeline.")
    return {"published": published, "draft": draft, "holding": holding, "shipyard": shipyard,
            "parent": parent, "alma": alma, "petr": petr}


def text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def assert_nothing_hidden(text: str) -> None:
    shown = [hidden for hidden in HIDDEN if hidden.casefold() in text.casefold()]
    assert shown == []


# Each surface with something readers must find there, so that an empty page cannot pass.
SURFACES = [
    ("/", "Published pipeline deal"),
    ("/articles/", "Published pipeline deal"),
    ("/articles/?q=pipeline", "Published pipeline deal"),
    ("/articles/?q=Visible+Holding", "What your search names"),
    ("/articles/?q=Alma+Visible", "spokeswoman"),
    ("/articles/?company=visible-holding", "Published pipeline deal"),
    ("/articles/?country=tr&sector=natural-gas", "Published pipeline deal"),
    ("/articles/published-pipeline-deal/", "reviewed milestone"),
    ("/statements/", "reviewed milestone"),
    ("/statements/?q=pipeline", "reviewed milestone"),
    ("/statements/?company=visible-holding", "reviewed milestone"),
    ("/statements/?speaker=alma-visible", "reviewed milestone"),
    ("/companies/", "Visible Holding"),
    ("/companies/visible-holding/", "reviewed milestone"),
    ("/speakers/", "Alma Visible"),
    ("/speakers/alma-visible/", "reviewed milestone"),
    ("/countries/", "Türkiye"),
    ("/countries/tr/", "Visible Holding"),
    ("/countries/tr/az/", "Visible Holding"),
    ("/countries/tr/gr/", "Türkiye"),
    ("/sectors/", "Natural gas"),
    ("/sectors/natural-gas/", "Visible Holding"),
    ("/sectors/energy/", "reviewed milestone"),
    ("/sources/", "Open Wire"),
    ("/sources/open-wire/", "reviewed milestone"),
    ("/articles/feed/", "Published pipeline deal"),
    ("/articles/feed/?company=visible-holding", "Published pipeline deal"),
    ("/statements/feed/", "reviewed milestone"),
    ("/statements/feed/?country=tr", "reviewed milestone"),
    ("/articles/export.csv", "Visible Holding"),
    ("/articles/export.json", "Visible Holding"),
    ("/statements/export.csv", "reviewed milestone"),
    ("/statements/export.json", "reviewed milestone"),
    ("/sitemap.xml", "sitemap-companies.xml"),
    ("/sitemap-articles.xml", "published-pipeline-deal"),
    ("/sitemap-companies.xml", "visible-holding"),
    ("/sitemap-speakers.xml", "alma-visible"),
    ("/sitemap-countries.xml", "/countries/tr/"),
    ("/sitemap-sectors.xml", "natural-gas"),
    ("/sitemap-sources.xml", "open-wire"),
]


@pytest.mark.parametrize(("url", "expected"), SURFACES)
def test_no_draft_and_no_unreviewed_suggestion_reaches_an_anonymous_reader(
        client, archive, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    text = text_of(response)
    # Searched words are marked in titles and snippets: read the words, not the marks.
    assert expected in re.sub(r"</?mark[^>]*>", "", text)
    assert_nothing_hidden(text)


@pytest.mark.parametrize(("url", "hidden"), [
    ("/articles/draft-embargo-secret/", "draft-embargo-secret"),
    ("/companies/proposed-shipyard/", "proposed-shipyard"),
    ("/companies/proposed-parent-group/", "proposed-parent-group"),
    ("/speakers/petr-proposed/", "petr-proposed"),
])
def test_the_page_of_a_draft_or_an_unreviewed_suggestion_is_not_found_like_a_mistyped_one(
        client, archive, url, hidden):
    response = client.get(url)
    assert response.status_code == 404
    mistyped = client.get(url.replace(hidden, "no-such-entry"))
    assert text_of(response).replace(hidden, "no-such-entry") == text_of(mistyped)


@pytest.mark.parametrize("url", [
    "/articles/", "/statements/", "/articles/feed/", "/statements/feed/",
    "/articles/export.csv", "/statements/export.json", "/companies/visible-holding/",
])
@pytest.mark.parametrize("parameter", ["company", "speaker"])
def test_a_filter_naming_an_unreviewed_suggestion_is_answered_as_an_unknown_value(
        client, archive, url, parameter):
    hidden = {"company": "proposed-shipyard", "speaker": "petr-proposed"}[parameter]
    unknown = text_of(client.get(url, {parameter: "no-such-entry"}))
    response = client.get(url, {parameter: hidden})
    assert response.status_code == 200
    text = text_of(response)
    assert text.replace(hidden, "no-such-entry") == unknown
    assert_nothing_hidden(text.replace(hidden, ""))


def test_the_speaker_list_counts_only_the_statements_readers_can_see(client, archive):
    speakers = client.get("/speakers/").context["page"].object_list
    assert {speaker.name: speaker.statement_count for speaker in speakers} == {"Alma Visible": 1}


def test_article_rows_count_only_the_statements_readers_can_see(client, archive):
    rows = client.get("/articles/").context["article_page"].object_list
    assert [(row.title, row.statement_count) for row in rows] == [("Published pipeline deal", 1)]


def test_the_home_page_counts_only_what_readers_can_see(client, archive):
    context = client.get("/").context
    assert (context["article_total"], context["statement_total"]) == (1, 1)
    assert {company.name: company.article_count for company in context["companies"]} == {
        "Visible Holding": 1}


def test_the_country_list_counts_only_reviewed_companies(client, archive):
    countries = {country.code: country for country in client.get("/countries/").context[
        "countries"]}
    assert (countries["TR"].article_count, countries["TR"].company_count) == (1, 1)
    assert "GR" not in countries


def test_facets_count_only_reviewed_entities_and_statements(client, archive):
    for url in ("/articles/", "/statements/"):
        facets = {facet.parameter: {value.label: value.count for value in facet.values}
                  for facet in client.get(url).context["facets"]}
        assert facets["company"] == {"Visible Holding": 1}
        assert facets["speaker"] == {"Alma Visible": 1}
        assert "Greece" not in facets["country"]


def test_the_filter_options_offer_only_reviewed_companies_of_published_articles(
        client, archive):
    make_company(name="Reviewed But Only In Drafts").articles.add(archive["draft"])
    options = client.get("/articles/").context["filter_options"]
    assert [company.name for company in options["companies"]] == ["Visible Holding"]
    assert "GR" not in [country.code for country in options["countries"]]


def test_an_unreviewed_company_card_is_never_built_for_a_search(client, archive):
    response = client.get("/articles/", {"q": "Proposed Shipyard"})
    assert response.context["entity_cards"] == []


def test_a_search_for_an_unreviewed_name_finds_no_article_through_it(client, archive):
    for text in ("Proposed Shipyard", "Petr Proposed"):
        response = client.get("/articles/", {"q": text})
        assert list(response.context["article_page"].object_list) == []


def test_editors_still_preview_a_draft_with_its_suggestions(editor_client, archive):
    html = text_of(editor_client.get("/articles/draft-embargo-secret/"))
    assert "Draft — only editors can see this page." in html
    assert "Said in a draft article" in html
    published = text_of(editor_client.get("/articles/published-pipeline-deal/"))
    for suggestion in ("Unreviewed suggestion text", "Quoted by an unreviewed person",
                       "Said for an unreviewed organisation", "Proposed Shipyard"):
        assert suggestion in published


def test_editors_still_preview_unreviewed_people_and_organisations(editor_client, archive):
    company = text_of(editor_client.get("/companies/visible-holding/"))
    assert "Petr Proposed" in company and "Proposed Shipyard" in company
    assert "Proposed Shipyard" in text_of(editor_client.get("/speakers/alma-visible/"))
    assert editor_client.get("/speakers/petr-proposed/").status_code == 200


def test_lists_feeds_and_exports_show_editors_what_readers_see(editor_client, archive):
    for url in ("/articles/", "/statements/", "/articles/feed/", "/articles/export.csv",
                "/statements/export.json", "/sitemap-companies.xml"):
        assert_nothing_hidden(text_of(editor_client.get(url)))


@pytest.mark.parametrize("url", [
    "/articles/published-pipeline-deal/", "/articles/draft-embargo-secret/", "/companies/",
    "/companies/visible-holding/", "/speakers/", "/speakers/alma-visible/",
    "/speakers/petr-proposed/",
])
def test_what_an_editor_previewed_is_not_what_the_next_reader_gets(client, editor, archive, url):
    # Whatever caches pages must keep an editor's preview from a reader.
    preview = Client()
    preview.force_login(editor)
    assert preview.get(url).status_code == 200
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert_nothing_hidden(text_of(response).replace(url, ""))
