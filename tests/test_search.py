"""The search behaviour readers rely on; CI runs it on SQLite and on PostgreSQL alike."""

from datetime import date

import pytest

from articles.models import Article
from tests.factories import make_article, make_company, make_speaker, make_statement
from tests.queries import query_count

pytestmark = pytest.mark.django_db

URL = "/articles/"


def titles(client, **parameters):
    response = client.get(URL, parameters)
    assert response.status_code == 200
    return [article.title for article in response.context["article_page"].object_list]


@pytest.fixture
def corpus(indexed):
    with indexed():
        make_article(title="Gas pipeline talks",
                     body="BOTAŞ and the supplier discussed a pipeline.",
                     published_on=date(2024, 1, 1))
        make_article(title="Tank order", body="The army ordered armoured vehicles from Türkiye.",
                     published_on=date(2024, 2, 1))
        make_article(title="Rail deal", body="A railway supply deal was signed for rolling stock.",
                     published_on=date(2024, 3, 1))
        make_article(title="Pipeline maintenance",
                     body="Engineers will service the compressor and the turbines.",
                     published_on=date(2024, 4, 1))


def test_words_are_anded(client, corpus):
    assert titles(client, q="pipeline supplier") == ["Gas pipeline talks"]


def test_english_stemming_finds_other_forms(client, corpus):
    assert titles(client, q="supplies") == ["Rail deal"]
    assert titles(client, q="ordering") == ["Tank order"]


def test_case_and_diacritics_do_not_matter(client, corpus):
    assert titles(client, q="botas") == ["Gas pipeline talks"]
    assert titles(client, q="BOTAŞ") == ["Gas pipeline talks"]
    assert titles(client, q="turkiye") == ["Tank order"]


def test_an_exact_phrase_must_appear_in_that_order(client, corpus):
    assert titles(client, q='"rolling stock"') == ["Rail deal"]
    assert titles(client, q='"stock rolling"') == []


def test_or_accepts_either_term(client, corpus):
    assert sorted(titles(client, q="tank or railway")) == ["Rail deal", "Tank order"]


def test_a_minus_excludes_a_word_or_a_phrase(client, corpus):
    assert titles(client, q="pipeline -botas") == ["Pipeline maintenance"]
    assert titles(client, q='pipeline -"compressor and the turbines"') == ["Gas pipeline talks"]


def test_title_matches_rank_above_body_matches(client, indexed):
    with indexed():
        make_article(title="Quarterly report", body="A word about turbines at the end.",
                     published_on=date(2025, 1, 1))
        make_article(title="Turbines for export", body="Plain text.", published_on=date(2020, 1, 1))
    assert titles(client, q="turbines") == ["Turbines for export", "Quarterly report"]


def test_date_orders_are_available_for_a_search(client, corpus):
    assert titles(client, q="pipeline", sort="newest") == ["Pipeline maintenance",
                                                          "Gas pipeline talks"]
    assert titles(client, q="pipeline", sort="oldest") == ["Gas pipeline talks",
                                                          "Pipeline maintenance"]


def test_drafts_are_never_found_by_readers(client, indexed):
    with indexed():
        make_article(title="Secret pipeline", status=Article.Status.DRAFT)
    assert titles(client, q="secret") == []


def test_an_alias_finds_articles_linked_to_the_entity(client, indexed):
    with indexed():
        uec = make_company(name="United Engine Corporation", aliases=["UEC"])
        make_article(title="Engines for export", body="The United Engine Corporation said...",
                     companies=[uec])
        make_article(title="Unrelated", body="Nothing here.")
    assert titles(client, q="uec") == ["Engines for export"]


def test_a_countrys_names_and_demonyms_find_its_articles(client, indexed):
    with indexed():
        make_article(title="Ankara talks", body="Officials met.", countries=["TR"])
    assert titles(client, q="turkey") == ["Ankara talks"]
    assert titles(client, q="turkish") == ["Ankara talks"]


def test_a_quoted_speakers_name_finds_the_article(client, indexed):
    with indexed():
        article = make_article(title="Interview", body="He spoke at length.")
        make_statement(article, speaker=make_speaker(name="Viktor Kladov"), text="We are ready.")
    assert titles(client, q="kladov") == ["Interview"]


def test_renaming_an_alias_updates_the_index(client, indexed):
    with indexed():
        company = make_company(name="Botas Petroleum", aliases=[])
        make_article(title="Pipeline news", companies=[company])
    assert titles(client, q="bpp") == []
    with indexed():
        company.aliases = ["BPP"]
        company.save()
    assert titles(client, q="bpp") == ["Pipeline news"]


def test_unlinking_an_entity_updates_the_index(client, indexed):
    with indexed():
        company = make_company(name="Rostec", aliases=[])
        article = make_article(title="Defense cooperation", companies=[company])
    assert titles(client, q="rostec") == ["Defense cooperation"]
    with indexed():
        article.companies.clear()
    assert titles(client, q="rostec") == []


def test_editing_and_deleting_an_article_updates_the_index(client, indexed):
    with indexed():
        article = make_article(title="Old headline")
    with indexed():
        article.title = "New headline about frigates"
        article.save()
    assert titles(client, q="frigates") == ["New headline about frigates"]
    assert titles(client, q="old") == []
    with indexed():
        article.delete()
    assert titles(client, q="frigates") == []


def test_publishing_makes_a_draft_findable(client, indexed):
    with indexed():
        draft = make_article(title="Corvette deal", status=Article.Status.DRAFT)
    assert titles(client, q="corvette") == []
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED)
    assert titles(client, q="corvette") == ["Corvette deal"]


def test_snippets_mark_the_matched_words_and_escape_the_rest(client, indexed):
    with indexed():
        make_article(title="Markup", body="<script>alert('x')</script> about the pipeline & more")
    html = client.get(URL, {"q": "pipeline"}).content.decode()
    assert "<mark>pipeline</mark>" in html
    assert "<script>alert" not in html
    assert "pipeline</mark> &amp; more" in html


def test_titles_mark_the_matched_words_and_escape_the_rest(client, indexed):
    with indexed():
        make_article(title="Pipelines & <b>gas</b> turbines", body="Nothing else.")
    for view in ("list", "table"):
        html = client.get(URL, {"q": "turbine pipeline", "view": view}).content.decode()
        marked = "<mark>Pipelines</mark> &amp; &lt;b&gt;gas&lt;/b&gt; <mark>turbines</mark></a>"
        assert marked in html
        assert "<b>gas</b>" not in html


def test_a_title_is_shown_as_written_when_only_its_text_matches(client, indexed):
    with indexed():
        make_article(title="Quarterly <report>", body="Turbines were sold.")
    html = client.get(URL, {"q": "turbines"}).content.decode()
    assert ">Quarterly &lt;report&gt;</a></h3>" in html


def test_statement_search_highlights_the_quote(client, indexed):
    with indexed():
        make_statement(make_article(), text="We will <b>supply</b> gas turbines.")
    html = client.get("/statements/", {"q": "turbines"}).content.decode()
    assert "<mark>turbines</mark>" in html
    assert "<b>supply</b>" not in html


def test_rostec_nato_finds_what_rostec_officials_said_about_nato(client, indexed):
    with indexed():
        rostec = make_company(name="Rostec")
        kladov = make_speaker(name="Viktor Kladov")
        article = make_article(title="Russian industry eyes Turkish market")
        make_statement(article, speaker=kladov, speaker_organization=rostec,
                       text="We know that NATO recommends that no military purchases be made.")
        make_statement(article, speaker=kladov, speaker_organization=rostec,
                       text="Turkey wants technical cooperation.")
        make_statement(article, speaker=make_speaker(), text="NATO is an alliance.")
    response = client.get("/statements/", {"q": "rostec nato"})
    found = [s.text for s in response.context["statement_page"].object_list]
    assert found == ["We know that NATO recommends that no military purchases be made."]


def test_an_entity_card_names_what_the_search_is_about(client, indexed):
    with indexed():
        uec = make_company(name="United Engine Corporation", aliases=["UEC"], country_id="RU")
        make_article(companies=[uec])
        make_article(companies=[uec], status=Article.Status.DRAFT)
    response = client.get(URL, {"q": "uec engines"})
    cards = response.context["entity_cards"]
    assert [(card.kind, card.entity, card.count) for card in cards] == [("Company", uec, 1)]
    html = response.content.decode()
    assert "United Engine Corporation (UEC) · Russia" in html
    assert "1 article" in html


def test_facets_count_the_whole_result_set_and_link_to_narrower_lists(client, indexed, settings):
    settings.ARTICLES_PER_PAGE = 1
    with indexed():
        for _ in range(3):
            make_article(title="Pipeline one", countries=["TR", "RU"])
        make_article(title="Pipeline two", countries=["GR"])
    response = client.get(URL, {"q": "pipeline", "country": "tr"})
    facets = {facet.parameter: facet for facet in response.context["facets"]}
    russia = facets["country"].values[0]
    assert (russia.label, russia.count) == ("Russia", 3)
    assert russia.url == "?q=pipeline&country=tr&country=RU"
    assert "Türkiye" not in [value.label for value in facets["country"].values]


@pytest.mark.parametrize("text", [
    '"unbalanced', "-", "or", '"', "'&|!:*()\\", "\x00pipeline", "😀 pipeline", "a" * 10_000,
    "", "   ", "-pipeline", "OR OR OR", '""', "pipeline)", "(pipeline", "pipe:line*", "NEAR(a b)",
    "title:pipeline", "^pipeline", "pipeline AND NOT", "x" * 300 + " pipeline",
])
def test_any_input_is_answered_without_error(client, corpus, text):
    for url in (URL, "/statements/"):
        # A blank search is sent on to the address without it first.
        response = client.get(url, {"q": text}, follow=True)
        assert response.status_code == 200


def test_a_query_without_usable_terms_says_so(client, corpus):
    response = client.get(URL, {"q": "the -pipeline"})
    assert "The search has no words to look for" in response.content.decode()


def test_a_very_long_query_is_cut_and_the_reader_told(client, corpus):
    response = client.get(URL, {"q": "pipeline " * 200})
    assert "Only the first" in response.content.decode()
    assert response.context["article_page"].paginator.count == 2


def test_the_number_of_queries_of_a_search_does_not_grow_with_the_rows(client, indexed):
    def add(count):
        with indexed():
            for _ in range(count):
                article = make_article(title="Pipeline", countries=["TR"],
                                       companies=[make_company()])
                make_statement(article, speaker=make_speaker(), text="Pipeline words.")

    add(2)
    few = query_count(client, URL, {"q": "pipeline"})
    add(12)
    assert query_count(client, URL, {"q": "pipeline"}) == few


def test_a_broad_search_ranks_its_newest_matches_and_says_so(client, indexed, monkeypatch):
    from articles import search

    monkeypatch.setattr(search, "CANDIDATE_LIMIT", 3)
    with indexed():
        for year in range(2020, 2025):
            make_article(title=f"Pipeline {year}", countries=["TR"],
                         published_on=date(year, 1, 1))
    response = client.get(URL, {"q": "pipeline"})
    shown = sorted(a.title for a in response.context["article_page"].object_list)
    assert shown == ["Pipeline 2022", "Pipeline 2023", "Pipeline 2024"]
    assert response.context["article_page"].paginator.object_list.is_bounded
    html = response.content.decode()
    assert "More than 3 articles match: the 3 newest are ranked" in html
    assert 'href="?q=pipeline&amp;sort=newest"' in html
    country_facet = response.context["facets"][0]
    assert (country_facet.values[0].label, country_facet.values[0].count) == ("Türkiye", 3)
    by_date = client.get(URL, {"q": "pipeline", "sort": "newest"})
    assert [a.title for a in by_date.context["article_page"].object_list] == [
        "Pipeline 2024", "Pipeline 2023", "Pipeline 2022"]
    assert "More than 3 articles: the 3 newest are listed" in by_date.content.decode()


def test_an_exclusion_gathers_its_matches_before_the_newest_are_picked(client, corpus):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert titles(client, q="pipeline -botas") == ["Pipeline maintenance"]
    matching = [q["sql"] for q in queries.captured_queries if "search_article" in q["sql"]
                and "LIMIT 1001" in q["sql"]]
    assert matching
    if connection.vendor == "postgresql":
        # Folded into the outer query, the planner walked every article newest first and
        # checked the negation on each (over 15 minutes at a million articles).
        assert all("OFFSET 0)" in sql for sql in matching)
