"""COINr's results and metadata tables, as (header, rows) pairs ready to write as CSV.

Each function mirrors one COINr output: ``get_results`` (full, summary, group ranks),
``get_eff_weights``, the weights and lineage tables and the unit metadata.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .data import Coin, Framework
from .ranks import group_ranks, ranks
from .rstats import collation_key, r_round
from .screen import DETAILS_HEADER
from .table import Table
from .weights import effective_weights

Rows = list[list[object]]


def results_order(framework: Framework) -> list[str]:
    """Aggregates from the top level down, each level in (Parent) order, as ``get_results``."""

    def key(code: str):
        element = framework.elements[code]
        return (-element.level, element.parent is None, collation_key(element.parent or ""))

    ordered = sorted(framework.meta_order, key=key)
    return [c for c in ordered if framework.elements[c].kind == "Aggregate"]


def _sorted_rows(table: Table, sort_code: str) -> np.ndarray:
    """Row order by descending ``sort_code`` (stable, missing last), like R's ``order(-x)``."""
    score = table.column(sort_code)
    return np.argsort(np.where(np.isnan(score), np.inf, -score), kind="stable")


def _rounded(values: np.ndarray, digits: int | None) -> np.ndarray:
    if digits is None:
        return values
    return np.vectorize(lambda v: r_round(float(v), digits), otypes=[float])(values)


def full_results(
    table: Table, framework: Framework, nround: int | None = 2, sort_code: str | None = None
) -> tuple[list[str], Rows]:
    """``get_results(tab_type = "Full")``: rank, aggregates, then indicators in lineage order."""
    sort_code = sort_code or framework.codes_at(framework.max_level)[0]
    codes = results_order(framework) + list(framework.lineage_indicators())
    rank = ranks(table.column(sort_code)[:, None])[:, 0]
    order = _sorted_rows(table, sort_code)
    values = _rounded(table.select(codes), nround)
    rows = [[table.units[i], rank[i], *values[i]] for i in order]
    return ["uCode", "Rank", *codes], rows


def summary_results(
    table: Table, framework: Framework, nround: int | None = 2, sort_code: str | None = None
) -> tuple[list[str], Rows]:
    """``get_results(tab_type = "Summ")``: the top aggregate and its rank."""
    sort_code = sort_code or framework.codes_at(framework.max_level)[0]
    rank = ranks(table.column(sort_code)[:, None])[:, 0]
    score = _rounded(table.column(sort_code), nround)
    rows = [[table.units[i], score[i], rank[i]] for i in _sorted_rows(table, sort_code)]
    return ["uCode", sort_code, "Rank"], rows


def group_rank_results(
    table: Table, coin: Coin, group: str, nround: int | None = 2, sort_code: str | None = None
) -> tuple[list[str], Rows]:
    """``get_results(tab_type = "Aggs", use = "groupranks")``: ranks within unit groups.

    As in COINr, scores are rounded to ``nround`` before ranking and rows are sorted by the
    top aggregate, then (stably) by group.
    """
    framework = coin.framework
    sort_code = sort_code or framework.codes_at(framework.max_level)[0]
    codes = results_order(framework)
    order = _sorted_rows(table, sort_code)
    labels = [coin.groups[group][r] for r in coin.unit_positions(table.units)]
    labels = [labels[i] for i in order]
    values = _rounded(table.select(codes)[order], nround)
    grouped = group_ranks(values, labels)
    by_group = sorted(
        range(len(order)), key=lambda k: (labels[k] is None, collation_key(labels[k] or ""))
    )
    rows = [[table.units[order[k]], labels[k], *grouped[k]] for k in by_group]
    return ["uCode", group, *codes], rows


def effective_weights_table(
    framework: Framework, weights: Mapping[str, float]
) -> tuple[list[str], Rows]:
    """``get_eff_weights``: iCode, Level, Weight and EffWeight in metadata order."""
    effective = effective_weights(framework, weights)
    rows = [
        [c, framework.elements[c].level, weights[c], effective[c]] for c in framework.meta_order
    ]
    return ["iCode", "Level", "Weight", "EffWeight"], rows


def weights_table(framework: Framework, weights: Mapping[str, float]) -> tuple[list[str], Rows]:
    """COINr's ``Meta$Weights$Original`` layout: iCode, Level, Weight."""
    rows = [[c, framework.elements[c].level, weights[c]] for c in framework.meta_order]
    return ["iCode", "Level", "Weight"], rows


def lineage_table(framework: Framework) -> tuple[list[str], Rows]:
    """COINr's ``Meta$Lineage``: one row per indicator with its ancestors."""
    return list(framework.level_names), [list(row) for row in framework.lineage()]


def units_table(coin: Coin) -> tuple[list[str], Rows]:
    """COINr's ``Meta$Unit``: uCode plus every non-indicator column of iData (as text)."""
    rows = [[u, *row] for u, row in zip(coin.units, coin.unit_table, strict=True)]
    return ["uCode", *coin.unit_columns], rows


def screen_details_table(screen) -> tuple[list[str], Rows]:
    """COINr's screening details table for a ``(ScreenResult, units)`` pair."""
    result, units = screen
    return list(DETAILS_HEADER), result.details_rows(units)


def treat_details_table(treat, codes: Sequence[str]) -> tuple[list[str], Rows]:
    """COINr's ``Dets_Table`` for a ``(TreatResult, units)`` pair."""
    result, _ = treat
    return result.details_header(), result.details_rows(codes)


def treat_points_table(treat, codes: Sequence[str]) -> tuple[list[str], Rows]:
    """COINr's ``Treated_Points``: the label of every treated point, empty otherwise."""
    result, units = treat
    rows = [[u, *result.points[i]] for i, u in enumerate(units)]
    return ["uCode", *codes], rows
