"""The SVG charts are valid, accessible XML whose bars reflect the values, whatever the values
(out of range, NaN, None) and labels (any Unicode, markup characters)."""

import math
import re
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from citydiplomacy.reports import charts

SVG = "{http://www.w3.org/2000/svg}"
values = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True))
labels = st.text(max_size=120)


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label")
    assert root.find(f"{SVG}title") is not None
    assert root.find(f"{SVG}desc").text
    return root


def _rects(root, css_class):
    return [r for r in root.iter(f"{SVG}rect") if r.get("class") == css_class]


def _actual_bars(root) -> list[tuple[float, float, float, float]]:
    """The indicator chart's bars (x, y, width, height), drawn as one path."""
    paths = [p for p in root.iter(f"{SVG}path") if p.get("class") == "actual"]
    if not paths:
        return []
    bar = r"M(-?[\d.]+) (-?[\d.]+)h(-?[\d.]+)v(-?[\d.]+)h-?[\d.]+z"
    return [tuple(map(float, m)) for m in re.findall(bar, paths[0].get("d"))]


def _expected_share(value):
    if value is None or math.isnan(value):
        return None
    return min(max(value, 0.0), 100.0) / 100


@given(st.lists(st.tuples(labels, values), max_size=12))
def test_progress_bars__widths_proportional_never_negative(rows):
    svg = charts.progress_bars([charts.Bar(label, value) for label, value in rows], title="P")

    root = _parse(svg)
    width = float(root.get("width"))
    bars = _rects(root, "bar")
    shares = [_expected_share(value) for _label, value in rows]
    expected = [share for share in shares if share is not None]
    assert len(bars) == len(expected)
    for bar, share in zip(bars, expected, strict=True):
        assert float(bar.get("width")) >= 0
        assert math.isclose(float(bar.get("width")), width * share, abs_tol=0.01)


def test_progress_bars__half_is_half_the_track_and_missing_says_so():
    root = _parse(
        charts.progress_bars(
            [charts.Bar("A & <B>", 50), charts.Bar("C", None)],
            title="Objectives",
            no_data="Ei tietoa",
        )
    )

    (bar,) = _rects(root, "bar")
    assert float(bar.get("width")) == float(root.get("width")) / 2
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "A & <B>" in texts
    assert "Ei tietoa" in texts
    assert root.find(f"{SVG}desc").text == "A & <B>: 50 %; C: Ei tietoa"


@given(st.lists(st.integers(min_value=-5, max_value=10_000), max_size=8))
def test_distribution_bar__segments_fill_the_bar_in_proportion(counts):
    segments = [charts.Segment(f"S{i}", count, "#000000") for i, count in enumerate(counts)]

    root = _parse(charts.distribution_bar(segments, title="Statuses"))

    width = float(root.get("width"))
    drawn = _rects(root, "segment")
    positive = [c for c in counts if c > 0]
    assert [int(r.get("data-count")) for r in drawn] == positive
    if positive:
        assert math.isclose(sum(float(r.get("width")) for r in drawn), width, abs_tol=0.05)
        for rect, count in zip(drawn, positive, strict=True):
            assert math.isclose(
                float(rect.get("width")), width * count / sum(positive), abs_tol=0.01
            )


finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)
series_values = st.one_of(st.none(), finite, st.just(float("nan")))


@given(st.lists(st.tuples(series_values, series_values), max_size=10), st.one_of(st.none(), finite))
def test_indicator_chart__valid_with_bars_for_each_actual(pairs, baseline):
    years = list(range(2018, 2018 + len(pairs)))
    actual, target = [a for a, _t in pairs], [t for _a, t in pairs]

    root = _parse(charts.indicator_chart(years, actual, target, baseline=baseline, title="I"))

    bars = _actual_bars(root)
    frame = charts.Frame()
    drawn = [i for i, a in enumerate(actual) if a is not None and not math.isnan(a)]
    assert len(bars) == len(drawn)
    height = float(root.get("height"))
    for (x, y, width, bar_height), index in zip(bars, drawn, strict=True):
        assert math.isclose(x + width / 2, frame.x_of(index, len(years)), abs_tol=0.01)
        assert width >= 0
        assert bar_height >= 0
        assert 0 <= y <= height


def test_indicator_chart__taller_bar_for_larger_value_and_target_line():
    root = _parse(
        charts.indicator_chart(
            [2020, 2021, 2022], [10, 20, None], [15, 25, 30], baseline=5, title="Visitors"
        )
    )

    small, large = (bar[3] for bar in _actual_bars(root))
    assert math.isclose(large, 2 * small, rel_tol=1e-3)
    (line,) = [p for p in root.iter(f"{SVG}polyline") if p.get("class") == "target"]
    assert len(line.get("points").split()) == 3
    assert root.find(f"{SVG}line[@class='baseline']") is not None
    assert "2021: Actual 20, Target 25" in root.find(f"{SVG}desc").text


def test_indicator_chart__no_values_says_no_data():
    root = _parse(
        charts.indicator_chart(
            [], [], [], title="Empty", labels=charts.SeriesLabels(no_data="Ei tietoja")
        )
    )

    assert [t.text for t in root.iter(f"{SVG}text")] == ["Ei tietoja"]


def test_year_axis__lines_up_with_charts_drawn_without_years():
    frame = charts.Frame(height=72, bottom=4)
    years = [2018, 2019, 2020, 2021]

    root = _parse(
        charts.indicator_chart(
            years, [1, 2, 3, 4], [2, 2, 2, 2], title="I", frame=frame, year_labels=False
        )
    )
    axis = _parse(charts.year_axis(years, title="Year", frame=frame))

    assert [t.text for t in root.iter(f"{SVG}text")] == ["4"]  # the scale's top only
    centres = [x + width / 2 for x, _y, width, _h in _actual_bars(root)]
    labels = [(float(t.get("x")), t.text) for t in axis.iter(f"{SVG}text")]
    assert labels == [(round(x, 2), str(year)) for x, year in zip(centres, years, strict=True)]


def test_indicator_legend__names_the_three_series():
    labels = charts.SeriesLabels(actual="Toteuma", target="Tavoite", baseline="Lähtötaso")

    root = _parse(charts.indicator_legend(labels))

    assert [t.text for t in root.iter(f"{SVG}text")] == ["Toteuma", "Tavoite", "Lähtötaso"]
