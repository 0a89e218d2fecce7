"""Denomination: divide extensive indicators by a scaling variable (COINr ``Denominate``)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .data import Coin
from .errors import EngineError
from .table import Table


def denominate(
    values: np.ndarray, denominator: np.ndarray, scale_factor: float = 1.0
) -> np.ndarray:
    """Return ``x / (d / scale_factor)`` element-wise; NaN propagates.

    ``values`` may be a column or a (units, k) block with a matching ``denominator`` block.
    """
    return values / (denominator / scale_factor)


def denominator_plan(
    coin: Coin,
    denominators: Mapping[str, str] | None = None,
    scale_factors: Mapping[str, float] | None = None,
) -> dict[str, tuple[str, float]]:
    """Which indicator is divided by which denominator column, with its scale factor.

    Defaults come from the iMeta ``Denominator`` column; ``denominators`` overrides or adds
    entries (a value of ``None`` or ``""`` switches an indicator off).
    """
    framework = coin.framework
    plan = {
        code: framework.elements[code].denominator
        for code in framework.indicators
        if framework.elements[code].denominator
    }
    for code, column in (denominators or {}).items():
        if code not in framework.indicators:
            raise EngineError(f"unknown indicator code '{code}' in denominate.denominators")
        if column and column not in coin.denominators:
            raise EngineError(
                f"unknown denominator '{column}' for '{code}' (not a column of Type 'Denominator')"
            )
        plan[code] = column or None
    factors = dict(scale_factors or {})
    for code in factors:
        if code not in framework.indicators:
            raise EngineError(f"unknown indicator code '{code}' in denominate.scale_factors")
    return {code: (col, float(factors.get(code, 1.0))) for code, col in plan.items() if col}


def denominate_table(coin: Coin, table: Table, plan: Mapping[str, tuple[str, float]]) -> Table:
    """Denominate the indicator columns of ``table`` following ``plan``."""
    values = table.values.copy()
    rows = coin.unit_positions(table.units)
    for code, (column, factor) in plan.items():
        j = table.columns.index(code)
        values[:, j] = denominate(values[:, j], coin.denominators[column][rows], factor)
    return table.with_values(values)
