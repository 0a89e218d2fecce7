"""Unit screening by data availability and zeros (COINr ``Screen`` / ``get_data_avail``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .errors import EngineError

SCREEN_BY = {"na": "byNA", "zeros": "byzeros", "na_and_zeros": "byNAandzeros"}
DEFAULT_THRESHOLD = 2 / 3
DEFAULT_ZEROS_THRESHOLD = 0.05


@dataclass(frozen=True)
class Availability:
    """Per-unit counts and fractions, as in COINr's data availability summary."""

    n_missing: np.ndarray
    n_zero: np.ndarray
    dat_avail: np.ndarray
    non_zero: np.ndarray

    @property
    def n_miss_or_zero(self) -> np.ndarray:
        """Missing or zero values per unit."""
        return self.n_missing + self.n_zero


def data_availability(values: np.ndarray) -> Availability:
    """Missing and zero counts per unit; ``Non_Zero`` is relative to the available values."""
    n_cols = values.shape[1]
    n_missing = np.isnan(values).sum(axis=1)
    n_zero = (values == 0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        non_zero = 1 - n_zero / (n_cols - n_missing)
    return Availability(n_missing, n_zero, 1 - n_missing / n_cols, non_zero)


@dataclass(frozen=True)
class ScreenResult:
    """Which units are kept, and the details table columns of COINr."""

    included: np.ndarray
    availability: Availability
    low_data: np.ndarray
    low_non_zero: np.ndarray

    def details_rows(self, units: Sequence[str]) -> list[list[object]]:
        """Rows of COINr's ``Screened`` details table (see :data:`DETAILS_HEADER`)."""
        a = self.availability
        return [
            [
                u,
                int(a.n_missing[i]),
                int(a.n_zero[i]),
                int(a.n_miss_or_zero[i]),
                float(a.dat_avail[i]),
                float(a.non_zero[i]),
                bool(self.low_data[i]),
                bool(self.low_non_zero[i]),
                bool(self.low_data[i] or self.low_non_zero[i]),
                bool(self.included[i]),
            ]
            for i, u in enumerate(units)
        ]


DETAILS_HEADER = (
    "uCode",
    "N_missing",
    "N_zero",
    "N_miss_or_zero",
    "Dat_Avail",
    "Non_Zero",
    "LowData",
    "LowNonZero",
    "LowDatOrZeroFlag",
    "Included",
)


def screen_units(
    values: np.ndarray,
    by: str,
    threshold: float = DEFAULT_THRESHOLD,
    zeros_threshold: float = DEFAULT_ZEROS_THRESHOLD,
    force: Mapping[int, bool] | None = None,
) -> ScreenResult:
    """Flag units below the thresholds; a unit is removed only if strictly below.

    ``by`` is ``"na"``, ``"zeros"`` or ``"na_and_zeros"``; ``force`` maps row positions to a
    forced inclusion (True) or exclusion (False).
    """
    if by not in SCREEN_BY:
        raise EngineError(f"unknown screen 'by' value '{by}' (expected {', '.join(SCREEN_BY)})")
    for name, value in (("threshold", threshold), ("zeros_threshold", zeros_threshold)):
        if not 0 <= value <= 1:
            raise EngineError(f"screen {name} must be between 0 and 1, got {value}")
    availability = data_availability(values)
    low_data = availability.dat_avail < threshold
    low_non_zero = availability.non_zero < zeros_threshold
    excluded = {"na": low_data, "zeros": low_non_zero, "na_and_zeros": low_data | low_non_zero}
    included = ~excluded[by]
    for row, keep in (force or {}).items():
        included[row] = keep
    return ScreenResult(included, availability, low_data, low_non_zero)
