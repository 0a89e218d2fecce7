"""A labelled numeric table: units (rows) by codes (columns)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from .csvio import write_rows


@dataclass(frozen=True)
class Table:
    """Values of shape (units, columns); NaN marks a missing value."""

    units: tuple[str, ...]
    columns: tuple[str, ...]
    values: np.ndarray

    def __post_init__(self) -> None:
        if self.values.shape != (len(self.units), len(self.columns)):
            raise ValueError("table values do not match its labels")

    @cached_property
    def _index(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.columns)}

    def column(self, code: str) -> np.ndarray:
        """The values of one column."""
        return self.values[:, self._index[code]]

    def select(self, codes: Sequence[str]) -> np.ndarray:
        """The values of several columns, in the given order."""
        return self.values[:, [self._index[c] for c in codes]]

    def with_values(self, values: np.ndarray) -> Table:
        """Same labels, new values."""
        return Table(self.units, self.columns, values)

    def keep_units(self, mask: np.ndarray) -> Table:
        """Only the units where ``mask`` is true, in the same order."""
        units = tuple(u for u, keep in zip(self.units, mask, strict=True) if keep)
        return Table(units, self.columns, self.values[mask])

    def append(self, columns: Sequence[str], values: np.ndarray) -> Table:
        """A new table with extra columns added on the right."""
        return Table(self.units, self.columns + tuple(columns), np.hstack([self.values, values]))

    def to_csv(self, path: str | Path) -> None:
        """Write in COINr's layout: ``uCode`` first, then the columns."""
        rows = ([unit, *row] for unit, row in zip(self.units, self.values.tolist(), strict=True))
        write_rows(path, ("uCode", *self.columns), rows)
