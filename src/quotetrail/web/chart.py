"""A small bar chart of statements over time, as numbers for an inline SVG template.

Server-side and script-free: this module only computes bar geometry and axis labels from
(date, count) pairs; ``templates/_chart.html`` draws them. Buckets are days for a short span,
months up to ten years, years beyond, with empty buckets kept so the time axis is even.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Bar", "Chart", "Tick", "statements_chart"]

WIDTH, HEIGHT = 640, 150
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 10, 22  # margins for the axis labels
MAX_DAY_BUCKETS = 62
MAX_MONTH_BUCKETS = 120
MAX_TICKS = 6
GAP = 0.15  # share of a bucket's width left empty between bars
MAX_BAR_WIDTH = 36.0


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    unit: str  # day | month | year
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    peak: int
    baseline: float
    left: float
    right: float
    top: float


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _buckets(days: list[date]) -> tuple[str, list[str], dict[date, int]]:
    """The unit, every bucket label from first to last, and each day's bucket index."""
    first, last = days[0], days[-1]
    if (last - first).days < MAX_DAY_BUCKETS:
        labels = [(first + timedelta(n)).isoformat() for n in range((last - first).days + 1)]
        return "day", labels, {d: (d - first).days for d in days}
    start = _month_index(first)
    if _month_index(last) - start < MAX_MONTH_BUCKETS:
        count = _month_index(last) - start + 1
        labels = [f"{(start + n) // 12:04d}-{(start + n) % 12 + 1:02d}" for n in range(count)]
        return "month", labels, {d: _month_index(d) - start for d in days}
    labels = [str(year) for year in range(first.year, last.year + 1)]
    return "year", labels, {d: d.year - first.year for d in days}


def statements_chart(counts: Iterable[tuple[str, int]]) -> Chart | None:
    """Bars of statements per day, month or year; None when no date reads as ISO."""
    per_day: dict[date, int] = {}
    for text, n in counts:
        try:
            day = date.fromisoformat(text)
        except (TypeError, ValueError):
            continue
        per_day[day] = per_day.get(day, 0) + n
    if not per_day:
        return None
    unit, labels, index = _buckets(sorted(per_day))
    totals = [0] * len(labels)
    for day, n in per_day.items():
        totals[index[day]] += n
    peak = max(totals)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(labels)
    baseline = TOP + plot_h
    bars = []
    for n, (label, total) in enumerate(zip(labels, totals, strict=True)):
        height = plot_h * total / peak
        bar_width = min(step * (1 - GAP), MAX_BAR_WIDTH)
        x = LEFT + (n + 0.5) * step - bar_width / 2
        bars.append(
            Bar(
                round(x, 2),
                round(baseline - height, 2),
                round(bar_width, 2),
                round(height, 2),
                label,
                total,
            )
        )
    every = max(1, -(-len(labels) // MAX_TICKS))
    ticks = tuple(
        Tick(round(LEFT + (n + 0.5) * step, 2), label)
        for n, label in enumerate(labels)
        if n % every == 0
    )
    return Chart(WIDTH, HEIGHT, unit, tuple(bars), ticks, peak, baseline, LEFT, WIDTH - RIGHT, TOP)
