"""Stored index results as tables and chart data for the screens, the API and the report."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import IndexResult, UncertaintyRun


@dataclass
class ResultRow:
    code: str
    name: str
    is_home: bool
    rank: int | None
    score: float | None
    parts: list[tuple[float | None, int | None]]  # (score, rank) of each pillar


def _names(result: IndexResult) -> dict[str, str]:
    return {r["iCode"]: r["iName"] for r in result.meta}


def result_table(result: IndexResult) -> tuple[list[str], list[ResultRow]]:
    """Headers of the pillars (the level under the index) and one row per city, best first."""
    scores, names = result.scores, _names(result)
    columns, top = scores["columns"], scores["top"]
    top_level = scores["levels"][top]
    parts = [c for c in columns if scores["levels"].get(c) == top_level - 1 and top_level > 2]
    units = dict(zip(result.inputs["units"], result.inputs["names"], strict=True))
    home = result.home_city.code if result.home_city_id else None
    index_of = {c: i for i, c in enumerate(columns)}
    rows = [
        ResultRow(
            code=unit,
            name=units.get(unit, unit),
            is_home=unit == home,
            rank=_int(ranks[index_of[top]]),
            score=values[index_of[top]],
            parts=[(values[index_of[c]], _int(ranks[index_of[c]])) for c in parts],
        )
        for unit, values, ranks in zip(
            scores["units"], scores["values"], scores["ranks"], strict=True
        )
    ]
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.name))
    return [names.get(c, c) for c in parts], rows


def _int(value) -> int | None:
    return None if value is None else int(value)


def home_interval(run: UncertaintyRun | None, home_code: str | None) -> dict | None:
    """The home city's rank statistics in an uncertainty run."""
    if run is None or home_code is None:
        return None
    return next((s for s in run.rank_stats if s["unit"] == home_code), None)


def interval_chart(run: UncertaintyRun, home_code: str | None) -> dict:
    """Per city (best nominal rank first): nominal, median and the 5-95 % rank interval."""
    return {
        "cities": [s["name"] for s in run.rank_stats],
        "home": [s["unit"] == home_code for s in run.rank_stats],
        "nominal": [s["nominal"] for s in run.rank_stats],
        "median": [s["median"] for s in run.rank_stats],
        "q5": [s["q5"] for s in run.rank_stats],
        "q95": [s["q95"] for s in run.rank_stats],
        "count": len(run.rank_stats),
    }
