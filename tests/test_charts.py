"""The timeline charts' geometry, on counts alone (no database)."""

from datetime import date

import pytest

from articles import charts
from articles.charts import Series, month_step, plural, timeline, value_steps


def articles(counts, name="Articles") -> Series:
    return Series(name, "article", counts)


def test_plurals_follow_the_count():
    assert plural(0, "article") == "0 articles"
    assert plural(1, "article") == "1 article"
    assert plural(2, "statement") == "2 statements"


@pytest.mark.parametrize(("peak", "steps"), [
    (0, [0, 1]), (1, [0, 1]), (3, [0, 1, 2, 3]), (7, [0, 2, 4, 6, 8]), (23, [0, 10, 20, 30]),
    (100, [0, 50, 100]), (101, [0, 50, 100, 150]), (4321, [0, 2000, 4000, 6000]),
])
def test_the_value_axis_steps_are_round_numbers_reaching_the_peak(peak, steps):
    assert value_steps(peak) == steps


def test_months_without_counts_are_drawn_as_zeros_between_the_first_and_the_last():
    chart = timeline("T", [articles({date(2024, 11, 1): 2, date(2025, 2, 1): 1})])
    assert [(row.month, row.values) for row in chart.rows] == [
        ("Nov 2024", [2]), ("Dec 2024", [0]), ("Jan 2025", [0]), ("Feb 2025", [1])]
    zero = chart.bars[1]
    assert zero.value == 0 and zero.height == charts.ZERO_HEIGHT
    assert zero.title == "Dec 2024: 0 articles"


def test_one_month_alone_is_a_bar_not_a_block_across_the_chart():
    chart = timeline("T", [articles({date(2024, 5, 1): 1})])
    (bar,) = chart.bars
    assert bar.width == charts.MAX_GROUP_WIDTH
    assert bar.title == "May 2024: 1 article"
    assert "1 article" in chart.description and "1 articles" not in chart.description


def test_bars_stay_inside_the_plot_and_do_not_overlap():
    counts = {date(2020 + n // 12, n % 12 + 1, 1): n % 5 for n in range(40)}
    chart = timeline("T", [articles(counts), Series("Statements", "statement", counts)])
    edges = sorted((bar.x, bar.x + bar.width) for bar in chart.bars)
    assert edges[0][0] >= charts.PLOT_LEFT and edges[-1][1] <= charts.PLOT_RIGHT
    assert all(right <= next_left + 1e-6
               for (_, right), (next_left, _) in zip(edges, edges[1:], strict=False))


def test_bar_heights_follow_the_scale_of_the_value_axis():
    chart = timeline("T", [articles({date(2024, 1, 1): 7, date(2024, 2, 1): 2})])
    top = chart.value_ticks[-1]
    assert top.label == "8"
    full = charts.PLOT_BOTTOM - charts.PLOT_TOP
    assert [bar.height for bar in chart.bars] == [full * 7 / 8, full * 2 / 8]
    assert chart.bars[0].y == pytest.approx(charts.PLOT_BOTTOM - full * 7 / 8)


def test_month_labels_thin_out_to_what_fits_a_phone():
    assert month_step(6) == 1
    assert month_step(12) == 2
    assert month_step(30) == 6
    assert month_step(70) == 12
    assert month_step(300) == 60


def test_month_ticks_fall_on_calendar_boundaries_with_the_year_under_januaries():
    counts = {date(2023, 11, 1): 1, date(2024, 6, 1): 1}
    ticks = timeline("T", [articles(counts)]).month_ticks
    assert [(tick.month, tick.year) for tick in ticks] == [
        ("Nov", "2023"), ("Jan", "2024"), ("Mar", ""), ("May", "")]


def test_long_spans_are_labelled_by_year_alone():
    five_years = {date(2019, 3, 1): 1, date(2024, 6, 1): 1}
    ticks = timeline("T", [articles(five_years)]).month_ticks
    assert [(tick.month, tick.year) for tick in ticks] == [
        ("", "2020"), ("", "2021"), ("", "2022"), ("", "2023"), ("", "2024")]
    seven_years = {date(2018, 3, 1): 1, date(2024, 6, 1): 1}
    ticks = timeline("T", [articles(seven_years)]).month_ticks
    assert [tick.year for tick in ticks] == ["2020", "2022", "2024"]


def test_several_series_share_the_months_and_each_bar_names_its_series():
    chart = timeline("T", [articles({date(2024, 1, 1): 1}, "Rostec"),
                           articles({date(2024, 3, 1): 2}, "Botas")])
    assert [(row.month, row.values) for row in chart.rows] == [
        ("Jan 2024", [1, 0]), ("Feb 2024", [0, 0]), ("Mar 2024", [0, 2])]
    assert chart.bars[-1].title == "Mar 2024: 2 articles (Botas)"
    assert chart.bars[0].x + chart.bars[0].width == pytest.approx(chart.bars[1].x)
    assert "Rostec: 1 article" in chart.description
    assert "Botas: 2 articles, the most in Mar 2024 (2 articles)" in chart.description


def test_a_series_without_any_count_is_left_out_and_nothing_at_all_is_no_chart():
    chart = timeline("T", [articles({date(2024, 1, 1): 1}), articles({}, "Empty")])
    assert [series.name for series in chart.series] == ["Articles"]
    assert timeline("T", [articles({}), articles({date(2024, 1, 1): 0})]) is None


def test_large_values_get_short_labels():
    chart = timeline("T", [articles({date(2024, 1, 1): 1500})])
    assert [tick.label for tick in chart.value_ticks] == ["0", "500", "1k", "1.5k"]


def test_the_description_names_the_busiest_month_only_when_there_is_one():
    tied = timeline("T", [articles({date(2024, 1, 1): 1, date(2024, 3, 1): 1})])
    assert "Articles: 2 articles, at most 1 article a month." in tied.description
    single = timeline("T", [articles({date(2024, 1, 1): 1, date(2024, 3, 1): 3})])
    assert "the most in Mar 2024 (3 articles)" in single.description
