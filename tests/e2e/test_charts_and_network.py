"""The entity pages' charts in a real browser: axes, the numbers, comparisons, the network."""

import re

import pytest

from tests.e2e.test_reader_and_editor import archive  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)

BAR_TITLE = re.compile(r"^(\w{3} \d{4}): (\d+) (?:article|statement)s?(?: \((.+)\))?$")


def bars_by_month(chart) -> dict[tuple[str, int], tuple[int, float]]:
    """(month, series index) -> (the count its hover title gives, its drawn height)."""
    drawn = chart.locator("svg.chart-plot rect").evaluate_all(
        "rects => rects.map(r => [r.querySelector('title').textContent, r.getAttribute('class'),"
        " r.getBoundingClientRect().height])")
    bars = {}
    for title, classes, height in drawn:
        month, count, _ = BAR_TITLE.match(title).groups()
        series = int(re.search(r"series-(\d)", classes).group(1))
        bars[month, series] = (int(count), height)
    return bars


def table_by_month(chart) -> dict[tuple[str, int], int]:
    chart.get_by_text("The numbers").click()
    rows = chart.locator("table tbody tr").evaluate_all(
        "rows => rows.map(r => [r.querySelector('th').textContent,"
        " ...[...r.querySelectorAll('td')].map(td => td.textContent)])")
    return {(month, index): int(value) for month, *values in rows
            for index, value in enumerate(values)}


def test_a_timeline_has_both_axes_and_bars_matching_its_numbers_table(
        page, live_server, archive, screenshot):  # noqa: F811
    page.goto(f"{live_server.url}/companies/volkaro-engine-works/")
    chart = page.locator("figure.chart")
    plot = chart.locator("svg.chart-plot")
    assert plot.get_attribute("role") == "img"
    assert "Volkaro Engine Works" in plot.locator("desc").text_content()
    value_labels = plot.locator(".value-axis text").all_text_contents()
    assert value_labels[0] == "0" and len(value_labels) >= 2
    years = plot.locator(".time-axis text.year").all_text_contents()
    assert years and all(re.fullmatch(r"20\d\d", year) for year in years)
    legend = chart.locator(".legend li").all_text_contents()
    assert legend == ["Articles mentioning Volkaro Engine Works",
                      "Statements for Volkaro Engine Works"]

    bars, table = bars_by_month(chart), table_by_month(chart)
    assert {key: count for key, (count, _) in bars.items()} == table
    assert sum(table.values()) > 0 and 0 in table.values()  # empty months are drawn too
    # Heights follow the counts on one scale; an empty month is a hairline, not nothing.
    per_unit = {round(height / count, 1) for count, height in bars.values() if count}
    assert len(per_unit) == 1
    assert all(0 < height <= 2 for count, height in bars.values() if not count)
    # One month is a bar, not a block across the chart.
    widest = plot.locator("rect").evaluate_all(
        "rects => Math.max(...rects.map(r => r.getBoundingClientRect().width))")
    assert widest < plot.bounding_box()["width"] / 10
    screenshot("entity-company")


def test_a_reader_compares_two_companies_on_one_timeline(
        page, live_server, archive, screenshot):  # noqa: F811
    page.goto(f"{live_server.url}/companies/volkaro-engine-works/")
    page.get_by_label("Compare with").select_option(label="Marmara Pipeline Company")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r"compare=marmara-pipeline-company"))
    chart = page.locator("figure.chart")
    assert chart.locator(".legend li").all_text_contents() == [
        "Volkaro Engine Works", "Marmara Pipeline Company"]
    bars, table = bars_by_month(chart), table_by_month(chart)
    assert {key: count for key, (count, _) in bars.items()} == table
    screenshot("entity-company-compared")
    page.get_by_role("link", name="Stop comparing with Marmara Pipeline Company").click()
    page.wait_for_url(re.compile(r"/companies/volkaro-engine-works/\?$|/volkaro-engine-works/$"))
    assert len(page.locator("figure.chart .legend li").all()) == 2
    assert "Statements for" in page.locator("figure.chart .legend").inner_text()


def test_the_co_mention_network_is_drawn_with_each_node_a_link(
        page, live_server, archive, screenshot):  # noqa: F811
    page.goto(f"{live_server.url}/companies/volkaro-engine-works/")
    network = page.get_by_role("region", name="Who appears with Volkaro Engine Works")
    nodes = network.locator("svg.network-plot .nodes a")
    names = network.locator("svg.network-plot .labels text").all_text_contents()
    assert len(names) >= 3 and "Volkaro Engine Works" in names
    hrefs = nodes.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) == len(names)
    assert all(re.fullmatch(r"/(companies|countries|speakers)/[\w-]+/", href) for href in hrefs)
    # Every node lies inside the drawing, and the table holds the same names.
    box = network.locator("svg.network-plot").bounding_box()
    for circle in network.locator("svg.network-plot circle").all():
        node = circle.bounding_box()
        assert box["x"] <= node["x"] and node["x"] + node["width"] <= box["x"] + box["width"]
        assert box["y"] <= node["y"] and node["y"] + node["height"] <= box["y"] + box["height"]
    network.get_by_text("The same as a table").click()
    table_names = network.locator("table tbody th a").all_text_contents()
    assert len(table_names) == len(names) - 1
    # Each node is a link named by its title, which keyboards reach.
    speaker = network.get_by_role("link", name=re.compile(r"^Marek Danilov \(speaker\): \d+"))
    speaker.focus()
    speaker.press("Enter")
    page.wait_for_url(re.compile(r"/speakers/marek-danilov/$"))
    assert page.get_by_role("heading", name="Who appears with Marek Danilov").is_visible()
    screenshot("entity-speaker")


def test_the_country_pair_dashboard_sets_the_pair_beside_each_country(
        page, live_server, archive, screenshot):  # noqa: F811
    page.goto(f"{live_server.url}/countries/ru/tr/")
    assert page.locator("figure.chart .legend li").all_text_contents() == [
        "Russia and Türkiye", "All of Russia", "All of Türkiye"]
    bars, table = bars_by_month(page.locator("figure.chart")), table_by_month(
        page.locator("figure.chart"))
    assert {key: count for key, (count, _) in bars.items()} == table
    for heading in ("Russia’s side", "Türkiye’s side", "Speaking for Russia",
                    "What Russia said about Türkiye", "What Türkiye said about Russia",
                    "Sectors of their articles"):
        assert page.get_by_role("heading", name=heading).is_visible()
    screenshot("entity-country-pair")


@pytest.mark.parametrize(("path", "name"), [
    ("/countries/tr/", "country"), ("/sectors/energy/", "sector"),
    ("/companies/volkaro-engine-works/", "company"),
])
def test_entity_pages_fit_a_phone(page, live_server, archive, screenshot, path, name):  # noqa: F811
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    labels = page.locator("svg text:visible").evaluate_all(
        "texts => texts.map(t => { const b = t.getBoundingClientRect();"
        " return [b.left, b.right]; })")
    assert all(left >= 0 and right <= 375 for left, right in labels), "a label is cut off"
    screenshot(f"entity-{name}")
