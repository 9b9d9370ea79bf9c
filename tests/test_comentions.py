"""Who appears with whom: the co-mention network of company, country and speaker pages."""

import re

import pytest

from articles.comentions import Entity, co_mentions
from articles.models import Article
from tests.factories import make_article, make_company, make_speaker, make_statement
from tests.queries import query_count

pytestmark = pytest.mark.django_db


def names(mentions):
    return [(entity.name, weight) for entity, weight in mentions.others]


def test_others_are_weighted_by_the_published_articles_they_share_with_the_centre():
    centre, partner = make_company(name="Centre Corp"), make_company(name="Partner Corp")
    speaker = make_speaker(name="Quoted Person")
    first = make_article(companies=[centre, partner], countries=["TR"])
    make_statement(first, speaker=speaker)
    make_article(companies=[centre, partner])
    make_article(companies=[partner])
    mentions = co_mentions(centre, Article.objects.published().involving_all(
        "companies", [centre]))
    assert names(mentions) == [("Partner Corp", 2), ("Quoted Person", 1), ("Türkiye", 1)]
    assert mentions.nodes[0] == Entity("company", centre.slug, "Centre Corp")
    # Partner, person and country share the first article: they are linked to each other too.
    assert sorted(mentions.links) == [(0, 1, 2), (0, 2, 1), (0, 3, 1), (1, 2, 1), (1, 3, 1),
                                      (2, 3, 1)]


def test_drafts_and_unreviewed_entities_never_appear():
    centre = make_company(name="Centre Corp")
    make_article(companies=[centre, make_company(name="Proposed Corp", is_reviewed=False)])
    make_article(companies=[centre, make_company(name="Drafted Corp")],
                 status=Article.Status.DRAFT)
    article = make_article(companies=[centre])
    make_statement(article, speaker=make_speaker(name="Proposed Person", is_reviewed=False))
    make_statement(article, speaker=make_speaker(name="Unreviewed Quote"), is_reviewed=False)
    make_statement(article, speaker=make_speaker(name="Shown Person"))
    mentions = co_mentions(centre, Article.objects.published().involving_all(
        "companies", [centre]))
    assert names(mentions) == [("Shown Person", 1)]


def test_the_network_keeps_the_fifteen_sharing_the_most():
    centre = make_company(name="Centre Corp")
    others = [make_company(name=f"Other {n:02}") for n in range(20)]
    for n, other in enumerate(others):
        for _ in range(1 + n // 5):
            make_article(companies=[centre, other])
    mentions = co_mentions(centre, Article.objects.published().involving_all(
        "companies", [centre]))
    assert len(mentions.others) == 15
    assert names(mentions)[0] == ("Other 15", 4)
    assert "Other 00" not in {entity.name for entity, _ in mentions.others}


def test_nobody_appearing_with_the_centre_is_no_network(client):
    centre = make_company()
    make_article(companies=[centre])
    assert co_mentions(centre, Article.objects.published()) is None
    assert client.get(centre.get_absolute_url()).context["network"] is None


@pytest.mark.parametrize("page", ["company", "country", "speaker"])
def test_company_country_and_speaker_pages_draw_the_network_with_each_node_a_link(client, page):
    company, speaker = make_company(name="Centre Corp"), make_speaker(name="Quoted Person")
    partner = make_company(name="Partner Corp")
    make_statement(make_article(companies=[company, partner], countries=["TR"]), speaker=speaker)
    url = {"company": company.get_absolute_url(), "country": "/countries/tr/",
           "speaker": speaker.get_absolute_url()}[page]
    html = client.get(url).content.decode()
    svg = html[html.index('<svg class="network-plot"'):html.index("</svg>", html.index(
        '<svg class="network-plot"'))]
    links = re.findall(r'<a href="([^"]+)" class="node kind-(\w+)', svg)
    assert (partner.get_absolute_url(), "company") in links
    assert len(links) == 4  # the centre and its three others
    table = html[html.index("<caption class=\"visually-hidden\">Who appears with"):]
    assert f'<a href="{partner.get_absolute_url()}">Partner Corp</a>' in table


@pytest.mark.parametrize("page", ["company", "country", "speaker"])
def test_the_network_costs_a_fixed_number_of_queries(client, page):
    company, speaker = make_company(), make_speaker()

    def add(count):
        for _ in range(count):
            make_statement(make_article(companies=[company, make_company()], countries=["TR"]),
                           speaker=speaker, speaker_organization=company)

    url = {"company": company.get_absolute_url(), "country": "/countries/tr/",
           "speaker": speaker.get_absolute_url()}[page]
    add(2)
    few = query_count(client, url)
    add(10)
    assert query_count(client, url) == few


def test_the_network_is_found_in_four_queries_however_large(django_assert_num_queries):
    centre = make_company()
    for _ in range(30):
        make_statement(make_article(companies=[centre, make_company()], countries=["TR", "RU"]),
                       speaker=make_speaker())
    articles = Article.objects.published().involving_all("companies", [centre])
    with django_assert_num_queries(4):  # the newest articles, then one per kind of link
        mentions = co_mentions(centre, articles)
    assert len(mentions.others) == 15
