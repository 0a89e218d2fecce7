"""Small, accessible SVG charts for reports: pure Python, no Django, no JavaScript.

The same SVG goes into the HTML page, the PDF (WeasyPrint draws inline SVG) and, converted to
PNG, the DOCX. Every chart carries ``role="img"``, an ``aria-label``, a ``<title>`` and a
``<desc>`` that states the numbers in words, so a screen reader loses nothing. Colour is never
the only carrier of meaning: values are printed next to bars, series are named in a legend.

All texts (labels, "no data", legend names) come from the caller, already translated.
"""

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

FONT = "Arial, Helvetica, sans-serif"
TEXT_COLOUR = "#1a1a1a"
MUTED_COLOUR = "#666666"
TRACK_COLOUR = "#e6e6e6"
ACTUAL_COLOUR = "#0000bf"  # HDS "bus" blue
TARGET_COLOUR = "#1a1a1a"
BASELINE_COLOUR = "#767676"

# Characters XML 1.0 does not allow; titles typed into forms can contain them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Bar:
    """One row of a progress chart: a label and a percentage (None: nothing to measure)."""

    label: str
    value: float | None
    colour: str = ACTUAL_COLOUR
    value_text: str = ""  # shown after the bar; defaults to the rounded percentage


@dataclass(frozen=True)
class Segment:
    """One part of a stacked distribution bar."""

    label: str
    count: int
    colour: str


@dataclass(frozen=True)
class SeriesLabels:
    actual: str = "Actual"
    target: str = "Target"
    baseline: str = "Baseline"
    no_data: str = "No data"


def clean(text: object) -> str:
    """Text safe to put into XML (invalid characters dropped)."""
    return _NOT_XML.sub("", str(text))


def percent(value: float | None) -> float | None:
    """A percentage clamped to 0–100; None for missing or not-a-number values."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(number):
        return None
    return min(max(number, 0.0), 100.0)


def _n(number: float) -> str:
    """A coordinate, short: a report may hold hundreds of charts."""
    return f"{number:.2f}".rstrip("0").rstrip(".")


def _text(x, y, content, *, size=12, anchor="start", colour=TEXT_COLOUR, weight="normal") -> str:
    # Defaults (size 12, start, the text colour, normal weight) come from the <svg> element.
    attributes = [f'x="{_n(x)}" y="{_n(y)}"']
    if size != 12:
        attributes.append(f'font-size="{size}"')
    if anchor != "start":
        attributes.append(f'text-anchor="{anchor}"')
    if colour != TEXT_COLOUR:
        attributes.append(f'fill="{colour}"')
    if weight != "normal":
        attributes.append(f'font-weight="{weight}"')
    return f"<text {' '.join(attributes)}>{escape(clean(content))}</text>"


def _rect(x, y, width, height, colour, css_class="", extra="") -> str:
    class_attr = f' class="{css_class}"' if css_class else ""
    return (
        f'<rect{class_attr} x="{_n(x)}" y="{_n(y)}" width="{_n(max(width, 0))}" '
        f'height="{_n(max(height, 0))}" fill="{colour}"{extra}/>'
    )


def _svg(width: int, height: int, title: str, desc: str, body: Sequence[str]) -> str:
    title, desc = clean(title), clean(desc)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label={quoteattr(title)} '
        f'font-family="{FONT}" font-size="12" fill="{TEXT_COLOUR}">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>" + "".join(body) + "</svg>"
    )


def _shorten(text: str, limit: int) -> str:
    text = " ".join(clean(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def progress_bars(
    bars: Sequence[Bar], *, title: str, no_data: str = "No data", width: int = 640
) -> str:
    """Horizontal bars, one per row, for percentages (e.g. objectives' rolled-up progress).

    Each row has its label and value above a full-width grey track; the coloured bar's width
    is the value's share of the track. A missing value draws no bar and says ``no_data``.
    """
    row_height, label_gap, bar_height, char_width = 40, 16, 14, 6.6
    body, lines = [], []
    for index, bar in enumerate(bars):
        top = 4 + index * row_height
        value = percent(bar.value)
        shown = bar.value_text or (no_data if value is None else f"{value:.0f} %")
        room = int((width - (len(shown) + 3) * char_width) / char_width)
        body.append(_text(0, top + 12, _shorten(bar.label, max(room, 8))))
        body.append(_text(width, top + 12, shown, anchor="end", weight="bold"))
        body.append(_rect(0, top + label_gap, width, bar_height, TRACK_COLOUR))
        if value is not None:
            extra = f' data-value="{value:.2f}"'
            body.append(
                _rect(0, top + label_gap, width * value / 100, bar_height, bar.colour, "bar", extra)
            )
        lines.append(f"{clean(bar.label)}: {shown}")
    height = max(4 + len(bars) * row_height, 24)
    return _svg(width, height, title, "; ".join(lines) or no_data, body)


def distribution_bar(
    segments: Sequence[Segment], *, title: str, no_data: str = "No data", width: int = 640
) -> str:
    """One stacked bar split by counts (e.g. measures per status) with a legend under it."""
    total = sum(max(s.count, 0) for s in segments)
    bar_height, legend_row = 22, 18
    body = [_rect(0, 0, width, bar_height, TRACK_COLOUR)]
    x = 0.0
    shown = [s for s in segments if s.count > 0]
    for segment in shown:
        part = width * segment.count / total
        body.append(
            _rect(
                x, 0, part, bar_height, segment.colour, "segment", f' data-count="{segment.count}"'
            )
        )
        x += part
    columns = 3
    for index, segment in enumerate(shown):
        left = (index % columns) * width / columns
        top = bar_height + 10 + (index // columns) * legend_row
        body.append(_rect(left, top, 12, 12, segment.colour))
        body.append(_text(left + 18, top + 11, f"{segment.label} ({segment.count})"))
    if not shown:
        body.append(_text(4, bar_height + 22, no_data, colour=MUTED_COLOUR))
    rows = max(math.ceil(len(shown) / columns), 1)
    height = bar_height + 14 + rows * legend_row
    desc = "; ".join(f"{clean(s.label)}: {s.count}" for s in shown) or no_data
    return _svg(width, height, title, desc, body)


def _finite(values: Sequence[float | None]) -> list[float]:
    numbers = []
    for value in values:
        if value is None:
            continue
        number = float(value)
        if math.isfinite(number):
            numbers.append(number)
    return numbers


@dataclass(frozen=True)
class Frame:
    """The geometry of an indicator chart. Charts drawn in the same frame over the same years
    line up, so one ``year_axis`` can label a whole column of them."""

    width: int = 240
    height: int = 90
    left: int = 40  # room for the scale's labels
    right: int = 4
    top: int = 6
    bottom: int = 16  # room for the years

    def x_of(self, index: int, count: int) -> float:
        """The middle of the ``index``-th of ``count`` year bands."""
        band = (self.width - self.left - self.right) / count
        return self.left + band * (index + 0.5)


def indicator_chart(
    years: Sequence[int],
    actual: Sequence[float | None],
    target: Sequence[float | None],
    *,
    title: str,
    baseline: float | None = None,
    labels: SeriesLabels = SeriesLabels(),
    number: Callable[[float], str] = lambda v: f"{v:g}",
    frame: Frame = Frame(),
    year_labels: bool = True,
) -> str:
    """A small chart: actual values as bars against the target as a dashed line, with the
    baseline dotted. Meant to be repeated for many indicators, so it draws little: the scale's
    ends and (unless a shared ``year_axis`` labels them) the years; the legend is
    ``indicator_legend``, drawn once.

    Missing values leave gaps; the scale always includes zero, where the bars start.
    """
    width, height = frame.width, frame.height
    values = _finite([*actual, *target, baseline])
    if not years or not values:
        body = [_text(width / 2, height / 2, labels.no_data, anchor="middle", colour=MUTED_COLOUR)]
        return _svg(width, height, title, labels.no_data, body)
    low, high = min(0.0, *values), max(0.0, *values)  # bars grow from zero
    if high == low:
        high = low + 1
    plot_h = height - frame.top - frame.bottom

    def y_of(value: float) -> float:
        return frame.top + plot_h * (high - value) / (high - low)

    def x_of(index: int) -> float:
        return frame.x_of(index, len(years))

    band = (width - frame.left - frame.right) / len(years)
    body = _scale(low, high, y_of, frame.left, width - frame.right, number)
    body += _actual_bars(actual, x_of, y_of, band, years)
    if baseline is not None and math.isfinite(baseline):
        y = y_of(baseline)
        body.append(
            f'<line class="baseline" x1="{frame.left}" x2="{width - frame.right}" y1="{_n(y)}" '
            f'y2="{_n(y)}" stroke="{BASELINE_COLOUR}" stroke-dasharray="2 2"/>'
        )
    body += _target_line(target, x_of, y_of)
    if year_labels:
        body += _year_labels(years, frame, height - 4)
    desc = _indicator_desc(years, actual, target, baseline, labels, number)
    return _svg(width, height, title, desc, body)


def year_axis(years: Sequence[int], *, title: str, frame: Frame = Frame()) -> str:
    """The years of indicator charts drawn in ``frame`` without their own year labels."""
    body = _year_labels(years, frame, 12)
    return _svg(frame.width, 16, title, ", ".join(map(str, years)), body)


def _year_labels(years, frame: Frame, y: float) -> list[str]:
    return [
        _text(frame.x_of(i, len(years)), y, year, size=9, anchor="middle")
        for i, year in enumerate(years)
    ]


def indicator_legend(labels: SeriesLabels = SeriesLabels(), width: int = 360) -> str:
    """The key to ``indicator_chart``: actual bar, target line, baseline."""
    body = [_rect(0, 3, 12, 12, ACTUAL_COLOUR), _text(18, 13, labels.actual, size=11)]
    third = width / 3
    body.append(
        f'<line x1="{third:.2f}" x2="{third + 22:.2f}" y1="9" y2="9" stroke="{TARGET_COLOUR}" '
        'stroke-width="2" stroke-dasharray="5 3"/>'
    )
    body.append(_text(third + 28, 13, labels.target, size=11))
    body.append(
        f'<line x1="{2 * third:.2f}" x2="{2 * third + 22:.2f}" y1="9" y2="9" '
        f'stroke="{BASELINE_COLOUR}" stroke-dasharray="2 2"/>'
    )
    body.append(_text(2 * third + 28, 13, labels.baseline, size=11))
    desc = f"{labels.actual}, {labels.target}, {labels.baseline}"
    return _svg(width, 18, desc, desc, body)


def _scale(low, high, y_of, x_start, x_end, number) -> list[str]:
    """The zero line, and the scale's ends other than zero written at the left."""
    zero = y_of(0.0)
    parts = [
        f'<line x1="{x_start}" x2="{x_end}" y1="{_n(zero)}" y2="{_n(zero)}" '
        f'stroke="{MUTED_COLOUR}"/>'
    ]
    for value in sorted({low, high} - {0.0}):  # zero is the line itself
        parts.append(
            _text(
                x_start - 4,
                y_of(value) + 4,
                number(value),
                size=9,
                anchor="end",
                colour=MUTED_COLOUR,
            )
        )
    return parts


def _actual_bars(actual, x_of, y_of, band, years) -> list[str]:
    """All bars as one path (``M x y h width v height h -width z`` each): a report draws
    hundreds of these charts, and every SVG element costs time to print."""
    zero, bars = y_of(0.0), []
    for index, value in enumerate(actual[: len(years)]):
        if value is None or not math.isfinite(value):
            continue
        y, width = y_of(value), band * 0.6
        top, height = min(y, zero), abs(zero - y)
        bars.append(
            f"M{_n(x_of(index) - width / 2)} {_n(top)}h{_n(width)}v{_n(height)}h{_n(-width)}z"
        )
    if not bars:
        return []
    return [f'<path class="actual" fill="{ACTUAL_COLOUR}" d="{"".join(bars)}"/>']


def _target_line(target, x_of, y_of) -> list[str]:
    """Dashed segments between consecutive targets; a dot for a target standing alone."""
    parts, run = [], []
    points = [
        (x_of(i), y_of(v)) if v is not None and math.isfinite(v) else None
        for i, v in enumerate(target)
    ]
    for point in [*points, None]:
        if point is not None:
            run.append(point)
            continue
        if len(run) > 1:
            coordinates = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
            parts.append(
                f'<polyline class="target" points="{coordinates}" fill="none" '
                f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>'
            )
        elif run:
            x, y = run[0]
            parts.append(
                f'<circle class="target" cx="{_n(x)}" cy="{_n(y)}" r="3" fill="{TARGET_COLOUR}"/>'
            )
        run = []
    return parts


def _indicator_desc(years, actual, target, baseline, labels, number) -> str:
    def shown(value):
        return "–" if value is None or not math.isfinite(value) else number(value)

    parts = [
        f"{year}: {labels.actual} {shown(a)}, {labels.target} {shown(t)}"
        for year, a, t in zip(years, actual, target, strict=False)
    ]
    if baseline is not None:
        parts.insert(0, f"{labels.baseline} {shown(baseline)}")
    return "; ".join(parts)
