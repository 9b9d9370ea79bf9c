"""The timelines of entity pages: axes, the numbers, and comparisons (`?compare=`)."""

import re
from datetime import date
from html.parser import HTMLParser

import pytest

from articles.models import Sector
from tests.factories import make_article, make_company, make_speaker, make_statement
from tests.queries import query_count

pytestmark = pytest.mark.django_db


class Children(HTMLParser):
    """The tag names of each <figure>'s direct children, in order."""

    VOID = {"input", "br", "img", "meta", "link", "hr", "line", "rect", "circle"}

    def __init__(self):
        super().__init__()
        self.stack, self.figures = [], []

    def handle_starttag(self, tag, attrs):
        if self.stack and self.stack[-1][0] == "figure":
            self.stack[-1][1].append(tag)
        if tag not in self.VOID:
            self.stack.append((tag, []))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        name, children = self.stack.pop()
        if name == "figure":
            self.figures.append(children)


def test_the_company_timeline_draws_axes_a_legend_and_the_same_numbers_as_its_table(client):
    company = make_company(name="Timeline Corp")
    make_statement(make_article(companies=[company], published_on=date(2024, 1, 9)),
                   speaker_organization=company)
    make_article(companies=[company], published_on=date(2024, 3, 1))
    response = client.get(company.get_absolute_url())
    html = response.content.decode()
    chart = response.context["timeline"]
    assert [series.name for series in chart.series] == [
        "Articles mentioning Timeline Corp", "Statements for Timeline Corp"]
    assert 'role="img"' in html and '<desc id="timeline-desc">' in html
    assert '<g class="value-axis">' in html and '<g class="time-axis">' in html
    assert '<ul class="legend">' in html
    assert "<title>Feb 2024: 0 articles (Articles mentioning Timeline Corp)</title>" in html
    assert "<title>Jan 2024: 1 statement (Statements for Timeline Corp)</title>" in html
    table = re.findall(r'<tr><th scope="row">(\w+ \d+)</th><td class="num">(\d+)</td>'
                       r'<td class="num">(\d+)</td></tr>', html)
    assert table == [("Jan 2024", "1", "1"), ("Feb 2024", "0", "0"), ("Mar 2024", "1", "0")]


@pytest.mark.parametrize("url", ["company", "/countries/tr/", "/countries/ru/tr/",
                                 "/sectors/energy/", "speaker"])
def test_every_chart_keeps_its_caption_first_in_its_figure(client, url):
    company, speaker = make_company(), make_speaker()
    make_statement(make_article(companies=[company], countries=["RU", "TR"],
                                sectors=[Sector.objects.get(slug="natural-gas")]),
                   speaker=speaker, speaker_organization=company)
    url = {"company": company.get_absolute_url(), "speaker": speaker.get_absolute_url()}.get(
        url, url)
    parser = Children()
    parser.feed(client.get(url).content.decode())
    assert parser.figures, "no chart on the page"
    for children in parser.figures:
        assert children[0] == "figcaption" and "figcaption" not in children[1:]


def test_a_company_is_compared_with_others_named_in_the_address(client):
    rostec, botas = make_company(name="Rostec Demo"), make_company(name="Botas Demo")
    make_article(companies=[rostec], published_on=date(2024, 1, 1))
    make_article(companies=[botas], published_on=date(2024, 2, 1))
    make_article(companies=[botas], published_on=date(2024, 2, 2))
    response = client.get(rostec.get_absolute_url(), {"compare": botas.slug.upper()})
    chart = response.context["timeline"]
    assert [series.name for series in chart.series] == ["Rostec Demo", "Botas Demo"]
    assert [row.values for row in chart.rows] == [[1, 0], [0, 2]]
    html = response.content.decode()
    assert f'<input type="hidden" name="compare" value="{botas.slug}">' in html
    assert 'aria-label="Stop comparing with Botas Demo"' in html
    (other, key, remove_url), = response.context["compared"]
    assert other == botas and remove_url == "?"


def test_a_country_is_compared_with_other_countries(client):
    make_article(countries=["TR"], published_on=date(2024, 1, 1))
    make_article(countries=["GR"], published_on=date(2024, 1, 1))
    chart = client.get("/countries/tr/", {"compare": ["gr", "bg"]}).context["timeline"]
    assert [series.name for series in chart.series] == ["Türkiye", "Greece"]


def test_what_cannot_be_compared_is_said_and_left_out(client):
    company = make_company(name="Main Corp")
    hidden = make_company(name="Proposed Corp", is_reviewed=False)
    make_article(companies=[company, hidden])
    response = client.get(company.get_absolute_url(),
                          {"compare": [hidden.slug, "no-such-company", company.slug]})
    assert [series.name for series in response.context["timeline"].series][0] == (
        "Articles mentioning Main Corp")
    notices = response.context["notices"]
    assert f"There is no company “{hidden.slug}” to compare with; it was left out." in notices
    assert "There is no company “no-such-company” to compare with; it was left out." in notices
    assert "Proposed Corp" not in response.content.decode()
    bad = client.get(company.get_absolute_url(), {"compare": "<script>"})
    assert bad.status_code == 200
    assert any(notice.startswith("Compare: ") for notice in bad.context["notices"])


def test_a_timeline_compares_at_most_four_entities(client):
    companies = [make_company() for _ in range(5)]
    for company in companies:
        make_article(companies=[company])
    response = client.get(companies[0].get_absolute_url(),
                          {"compare": [company.slug for company in companies[1:]]})
    assert len(response.context["timeline"].series) == 4
    assert any("at most 4" in notice for notice in response.context["notices"])


def test_the_compare_form_offers_the_others_of_the_kind_not_yet_compared(client):
    rostec, botas, third = (make_company(name=name) for name in ("Rostec D", "Botas D", "Third D"))
    make_article(companies=[rostec, botas, third])
    options = client.get(rostec.get_absolute_url(), {"compare": botas.slug}).context[
        "compare_options"]
    assert options == [(third.slug, "Third D")]


def test_a_comparison_costs_a_fixed_number_of_queries_more(client):
    company, other = make_company(), make_company()

    def add(count):
        for _ in range(count):
            make_article(companies=[company, other], countries=["TR"])

    add(2)
    url = f"{company.get_absolute_url()}?compare={other.slug}"
    few = query_count(client, url)
    add(10)
    assert query_count(client, url) == few
