"""Timelines as server-rendered bar charts: axes, a scale, a legend and the numbers.

Pure geometry, no Django: counts per month in, everything the template draws out.
Horizontal positions are percentages of the chart's width and vertical ones pixels, so
the SVG fills any screen while its text keeps its size (a scaled viewBox would shrink
the labels to nothing on a phone).
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

HEIGHT = 210            # px: the whole drawing
PLOT_TOP = 12           # px: room for the top tick's label
PLOT_BOTTOM = 172       # px: the baseline; below it, month and year labels
PLOT_LEFT = 9.0         # %: room for the value labels
PLOT_RIGHT = 99.0       # %
BAR_SHARE = 0.8         # of a month's slot, the rest is the gap between months
MAX_GROUP_WIDTH = 7.0   # %: one month alone is a bar, not a block across the chart
ZERO_HEIGHT = 1         # px: an empty month still shows (and has its hover title)
MOST_VALUE_TICKS = 4
# The label spacing in months: the smallest that leaves at most MOST_MONTH_LABELS labels,
# which is what fits across a phone.
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
MOST_MONTH_LABELS = 6


def plural(count: int, noun: str) -> str:
    """ "1 article", "2 articles", "0 articles"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def month_label(month: date) -> str:
    return f"{month:%b %Y}"


@dataclass(frozen=True)
class Series:
    """One set of bars: its legend `name`, the singular `noun` it counts, counts by month."""

    name: str
    noun: str
    counts: Mapping[date, int]


@dataclass(frozen=True)
class Bar:
    series: int
    x: float
    width: float
    y: float
    height: float
    value: int
    title: str


@dataclass(frozen=True)
class MonthTick:
    x: float
    month: str
    year: str


@dataclass(frozen=True)
class ValueTick:
    y: float
    label: str


@dataclass(frozen=True)
class Row:
    month: str
    values: list[int]


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    series: list[Series]
    bars: list[Bar]
    month_ticks: list[MonthTick]
    value_ticks: list[ValueTick]
    rows: list[Row]
    height: int = HEIGHT
    plot_top: int = PLOT_TOP
    plot_bottom: int = PLOT_BOTTOM
    plot_left: float = PLOT_LEFT
    plot_right: float = PLOT_RIGHT

    @property
    def value_label_x(self) -> float:
        return self.plot_left - 1

    @property
    def month_label_y(self) -> int:
        return self.plot_bottom + 16

    @property
    def year_label_y(self) -> int:
        return self.plot_bottom + 31


def months_between(first: date, last: date) -> list[date]:
    """Every first of the month from `first`'s month to `last`'s, both included."""
    months, (year, month) = [], (first.year, first.month)
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def value_steps(peak: int, most: int = MOST_VALUE_TICKS) -> list[int]:
    """0 up to at least `peak` in whole steps of 1, 2 or 5 times a power of ten."""
    peak = max(peak, 1)
    raw = peak / most
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(round(step), 1)
    top = math.ceil(peak / step) * step
    return list(range(0, top + 1, step))


def short_number(value: int) -> str:
    """Value-axis labels stay narrow: 1500 is "1.5k"."""
    if value < 1000:
        return str(value)
    return f"{value / 1000:.1f}".rstrip("0").rstrip(".") + "k"


def month_step(count: int) -> int:
    return next((step for step in MONTH_STEPS if math.ceil(count / step) <= MOST_MONTH_LABELS),
                MONTH_STEPS[-1])


def month_ticks(months: list[date], centre) -> list[MonthTick]:
    """Labels on calendar boundaries (quarters, Januaries): the year under the first label
    and under every January, or the year alone once labels are a year or more apart."""
    step = month_step(len(months))
    ticks = []
    for index, month in enumerate(months):
        ordinal = month.year * 12 + month.month - 1
        if ordinal % step:
            continue
        if step >= 12:
            ticks.append(MonthTick(centre(index), "", str(month.year)))
        else:
            show_year = not ticks or month.month == 1
            ticks.append(MonthTick(centre(index), f"{month:%b}",
                                   str(month.year) if show_year else ""))
    return ticks


def timeline(title: str, series: list[Series]) -> Chart | None:
    """Bars per month for each of `series`, side by side, over the months any of them has.

    Months without any count are kept as zeros; nothing at all is no chart (None).
    """
    series = [one for one in series if any(one.counts.values())]
    if not series:
        return None
    present = [month for one in series for month, count in one.counts.items() if count]
    months = months_between(min(present), max(present))
    slot = (PLOT_RIGHT - PLOT_LEFT) / len(months)
    group = min(slot * BAR_SHARE, MAX_GROUP_WIDTH)
    width = group / len(series)
    steps = value_steps(max(max(one.counts.values()) for one in series))
    scale = (PLOT_BOTTOM - PLOT_TOP) / steps[-1]

    def centre(index: int) -> float:
        return round(PLOT_LEFT + (index + 0.5) * slot, 3)

    bars, rows = [], []
    for index, month in enumerate(months):
        values = [one.counts.get(month, 0) for one in series]
        rows.append(Row(month_label(month), values))
        left = centre(index) - group / 2
        for number, (one, value) in enumerate(zip(series, values, strict=True)):
            height = value * scale if value else ZERO_HEIGHT
            bars.append(Bar(
                series=number, x=round(left + number * width, 3), width=round(width, 3),
                y=round(PLOT_BOTTOM - height, 2), height=round(height, 2), value=value,
                title=f"{month_label(month)}: {plural(value, one.noun)}"
                      + (f" ({one.name})" if len(series) > 1 else ""),
            ))
    value_ticks = [ValueTick(round(PLOT_BOTTOM - step * scale, 2), short_number(step))
                   for step in steps]
    return Chart(title, describe(series, months), series, bars, month_ticks(months, centre),
                 value_ticks, rows)


def describe(series: list[Series], months: list[date]) -> str:
    """What the chart shows, in words: the summary screen readers get and everyone reads."""
    span = (f"in {month_label(months[0])}" if len(months) == 1
            else f"from {month_label(months[0])} to {month_label(months[-1])}")
    parts = []
    for one in series:
        total = sum(one.counts.get(month, 0) for month in months)
        peak = max(one.counts.get(month, 0) for month in months)
        busiest = [month for month in months if one.counts.get(month, 0) == peak]
        part = f"{one.name}: {plural(total, one.noun)}"
        if len(busiest) == 1 and len(months) > 1:
            part += f", the most in {month_label(busiest[0])} ({plural(peak, one.noun)})"
        elif len(busiest) > 1:
            part += f", at most {plural(peak, one.noun)} a month"
        parts.append(part)
    return f"Per month {span}. " + "; ".join(parts) + "."
