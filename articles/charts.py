"""Server-rendered bar charts: inline SVG with a title, a description and the numbers."""

from dataclasses import dataclass

WIDTH, HEIGHT, GAP = 640, 120, 1


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    bars: list[Bar]
    width: int = WIDTH
    height: int = HEIGHT


def timeline(points, title: str, noun: str = "articles") -> BarChart | None:
    """A bar per month; `points` have .label and .count."""
    points = list(points)
    if not points:
        return None
    peak = max(point.count for point in points) or 1
    step = WIDTH / len(points)
    bars = [
        Bar(x=round(index * step, 2), y=round(HEIGHT - point.count / peak * HEIGHT, 2),
            width=round(max(step - GAP, 1), 2), height=round(point.count / peak * HEIGHT, 2),
            label=point.label, value=point.count)
        for index, point in enumerate(points)
    ]
    busiest = max(points, key=lambda point: point.count)
    total = sum(point.count for point in points)
    description = (f"{total} {noun} from {points[0].label} to {points[-1].label}; the busiest "
                   f"month was {busiest.label} with {busiest.count}.")
    return BarChart(title, description, bars)
