"""The filter form of every list: what it shows selected, what it echoes, where it sends."""

import re

import pytest

from tests.factories import make_article, make_company

pytestmark = pytest.mark.django_db

URL = "/articles/"


def order_options(response):
    select = re.search(r'<select id="filter-sort" name="sort">(.*?)</select>',
                       response.content.decode(), re.S).group(1)
    return re.findall(r'<option value="(\w*)"( selected)?>([^<]+)</option>', select)


def test_without_a_search_the_order_shows_newest_first_selected_and_no_best_match(client):
    options = order_options(client.get(URL))
    assert options == [("", " selected", "Newest first"), ("oldest", "", "Oldest first")]


def test_best_match_asked_for_without_a_search_shows_the_newest_first_it_gives(client):
    assert order_options(client.get(URL, {"sort": "relevance"}))[0] == (
        "", " selected", "Newest first")


def test_with_a_search_best_match_first_is_the_selected_default(client):
    options = order_options(client.get(URL, {"q": "turbines"}))
    assert options == [("", " selected", "Best match first"), ("newest", "", "Newest first"),
                       ("oldest", "", "Oldest first")]


def test_a_chosen_date_order_is_shown_selected(client):
    assert ("oldest", " selected", "Oldest first") in order_options(
        client.get(URL, {"q": "turbines", "sort": "oldest"}))
    assert ("oldest", " selected", "Oldest first") in order_options(
        client.get(URL, {"sort": "oldest"}))


def test_a_form_sent_with_empty_fields_is_sent_on_to_the_address_without_them(client):
    response = client.get(URL + "?q=gas&country=&country=ru&company=&sort=&published_after=")
    assert response.status_code == 302
    assert response["Location"] == URL + "?q=gas&country=ru"


def test_a_form_sent_with_every_field_empty_goes_to_the_bare_list(client):
    response = client.get(URL + "?q=+&source=&sort=")
    assert response.status_code == 302
    assert response["Location"] == URL


@pytest.mark.parametrize("path", ["/statements/", "/countries/ru/", "/countries/ru/tr/"])
def test_every_filtered_page_cleans_its_address(client, path):
    response = client.get(path + "?sector=&q=x")
    assert response["Location"] == path + "?q=x"


def test_an_entity_page_cleans_its_address_too(client):
    company = make_company(name="Volta")
    response = client.get(company.get_absolute_url() + "?source=")
    assert response["Location"] == company.get_absolute_url()


def test_a_clean_address_is_answered_directly(client):
    assert client.get(URL + "?country=ru&q=gas").status_code == 200


def test_the_form_sends_to_its_own_page_without_an_empty_action(client):
    html = client.get(URL).content.decode()
    form = re.search(r"<form class=\"filters\"[^>]*>", html).group(0)
    assert "action" not in form


def test_an_unreadable_date_is_not_echoed_into_the_date_input_and_the_error_is_shown(client):
    html = client.get(URL, {"published_after": "2024-13-45x"}).content.decode()
    field = re.search(r'<input id="filter-after"[^>]*>', html).group(0)
    assert 'value=""' in field
    assert 'aria-invalid="true"' in field and 'aria-describedby="filter-after-error"' in field
    assert re.search(r'<p class="field-error" id="filter-after-error">[^<]*valid date', html)
    assert "2024-13-45x" not in html.split('role="search"')[1].split("</form>")[0]
    assert "<details class=\"filters-more\" open>" in html


def test_a_readable_date_is_echoed_as_the_date_it_was_read_as(client):
    make_article()
    html = client.get(URL, {"published_before": "2024-02-03"}).content.decode()
    assert re.search(r'<input id="filter-before" type="date" name="published_before" '
                     r'value="2024-02-03">', html)
    assert "field-error" not in html


def test_the_folded_filters_start_closed_when_none_of_them_is_chosen(client):
    html = client.get(URL, {"q": "gas", "country": "ru"}).content.decode()
    assert '<details class="filters-more">' in html


def test_the_search_syntax_is_explained_one_click_from_the_box(client):
    html = client.get(URL).content.decode()
    assert "<summary>Search syntax</summary>" in html
    assert "<code>\"exact phrase\"</code>" in html


def test_the_company_choice_holds_the_most_covered_companies_by_name(client, monkeypatch):
    monkeypatch.setattr("articles.views.common.FILTER_COMPANIES", 2)
    busy, busier, quiet = (make_company(name=name) for name in ("Zeta Yards", "Alpha Rail",
                                                                  "Quiet Works"))
    for number in range(3):
        make_article(title=f"Rail {number}", companies=[busier])
    for number in range(2):
        make_article(title=f"Yards {number}", companies=[busy])
    make_article(title="Lathe order", companies=[quiet])
    select = re.search(r'<select id="filter-company" name="company">(.*?)</select>',
                       client.get(URL).content.decode(), re.S).group(1)
    assert re.findall(r'<option value="[\w-]+">([^<]+)</option>', select) == [
        "Alpha Rail", "Zeta Yards"]
    # Any company can still be filtered on.
    assert "Lathe order" in client.get(f"{URL}?company={quiet.slug}").content.decode()
