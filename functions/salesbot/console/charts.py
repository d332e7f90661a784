"""Charts as SVG drawn on the server: the geometry here, the markup in the templates.

No script and no library: a chart is a handful of rectangles and a polyline in a `viewBox`, so it
scales to any screen, prints, and passes a Content-Security-Policy that allows no inline code.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 200
LEFT = 36  # room for the axis' numbers
TOP = 10  # room for the top number's half above its line
BOTTOM = 22  # room for the dates


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    title: str  # shown on hover, and read by screen readers


@dataclass(frozen=True)
class Tick:
    at: float  # y for a value tick, x for a label tick
    label: str


@dataclass(frozen=True)
class Columns:
    """Columns per day, one series beside the other."""

    series: list[list[Rect]]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT


@dataclass(frozen=True)
class Line:
    points: str  # for <polyline points="...">
    dots: list[Rect]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT


def _scale_top(highest: float) -> float:
    """A round number at or above `highest`, so the axis reads 0, 5, 10 rather than 0, 4.3, 8.6."""
    if highest <= 0:
        return 1
    step = 1.0
    while step * 10 < highest:
        step *= 10
    for multiple in (1, 2, 5, 10):
        if step * multiple >= highest:
            return step * multiple
    return step * 10


def _y_ticks(top: float, plot_height: float, unit: str) -> list[Tick]:
    return [Tick(TOP + plot_height * (1 - share), f"{top * share:g}{unit}") for share in (0, 0.5, 1)]


def _x_ticks(labels: list[str], slot: float) -> list[Tick]:
    every = max(1, len(labels) // 6)  # about six dates fit under a phone-wide chart
    return [Tick(LEFT + slot * (index + 0.5), label) for index, label in enumerate(labels) if index % every == 0]


def columns(labels: list[str], series: list[list[float]], titles: list[str]) -> Columns:
    """`series[s][i]` is series s on day `labels[i]`; `titles[s]` names the series in hover text."""
    plot_height = HEIGHT - TOP - BOTTOM
    top = _scale_top(max((value for values in series for value in values), default=0))
    slot = (WIDTH - LEFT) / max(len(labels), 1)
    bar = slot * 0.8 / max(len(series), 1)
    drawn = []
    for index, values in enumerate(series):
        drawn.append([
            Rect(LEFT + slot * day + slot * 0.1 + bar * index, TOP + plot_height * (1 - value / top), bar,
                 plot_height * value / top, f"{labels[day]}: {titles[index]} {value:g}")
            for day, value in enumerate(values)])
    return Columns(drawn, _y_ticks(top, plot_height, ""), _x_ticks(labels, slot))


def line(labels: list[str], values: list[float | None], unit: str) -> Line:
    """A line through the days that have a value (a day without one is skipped, not drawn as zero)."""
    plot_height = HEIGHT - TOP - BOTTOM
    top = _scale_top(max((value for value in values if value is not None), default=0))
    slot = (WIDTH - LEFT) / max(len(labels), 1)
    points, dots = [], []
    for day, value in enumerate(values):
        if value is None:
            continue
        x, y = LEFT + slot * (day + 0.5), TOP + plot_height * (1 - value / top)
        points.append(f"{x:.1f},{y:.1f}")
        dots.append(Rect(x - 3, y - 3, 6, 6, f"{labels[day]}: {value:g}{unit}"))
    return Line(" ".join(points), dots, _y_ticks(top, plot_height, unit), _x_ticks(labels, slot))
