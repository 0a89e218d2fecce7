"""Outlier treatment exactly as COINr's ``Treat`` with its default functions.

Per indicator (raw direction, NaN ignored):

1. ``check_SkewKurt``: passes if ``|skew| < skew`` OR ``kurt < kurt``.
2. If it fails, ``winsorise``: while failing and fewer than ``winmax`` points are treated,
   reassign every point equal to the max (skew >= 0) or min (skew < 0) to the next value.
   The count is the size of the latest high set plus the latest low set, as in COINr.
3. If it still fails and ``log`` is on, ``log_CT`` is applied to the ORIGINAL values
   (``combine=False``) or to the winsorised ones (``combine=True``):
   ``log(x - min + 0.01 * (max - min))``. The logged column is kept even if it still fails.

A column whose check is undefined (fewer than 4 values, or constant) is left untouched and gets
no details row, like COINr when ``f_pass`` returns NA. The loop is vectorised over all the
columns that are still being winsorised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .rstats import log, r_max, r_min, skew_kurt

WIN_HIGH, WIN_LOW, LOG_LABEL = "winhi", "winlo", "log_CT"


@dataclass(frozen=True)
class Check:
    """Result of ``check_SkewKurt`` for several columns (``undefined`` = R's NA)."""

    passed: np.ndarray
    undefined: np.ndarray
    skew: np.ndarray
    kurt: np.ndarray


def check_skew_kurt(values: np.ndarray, skew_thresh: float, kurt_thresh: float) -> Check:
    """COINr's ``check_SkewKurt`` per column, with R's three-valued OR."""
    skew, kurt = skew_kurt(values)
    with np.errstate(invalid="ignore"):
        passed = (np.abs(skew) < skew_thresh) | (kurt < kurt_thresh)
    undefined = ~passed & (np.isnan(skew) | np.isnan(kurt))
    return Check(passed, undefined, skew, kurt)


@dataclass(frozen=True)
class TreatResult:
    """Treated values plus COINr's details table and treated-points table."""

    values: np.ndarray
    details: dict[int, dict[str, object]]
    points: np.ndarray

    def details_header(self) -> list[str]:
        """Columns of the details table in order of first appearance (``rbind_fill``)."""
        header: dict[str, None] = {}
        for row in self.details.values():
            header.update(dict.fromkeys(row))
        return ["iCode", *header]

    def details_rows(self, codes: Sequence[str]) -> list[list[object]]:
        """Rows of the details table, one per column that had a defined check."""
        header = self.details_header()[1:]
        return [[codes[j], *(row.get(k) for k in header)] for j, row in self.details.items()]


def treat(
    values: np.ndarray,
    winmax: int | None = 5,
    skew_thresh: float = 2.0,
    kurt_thresh: float = 3.5,
    log: bool = True,
    combine: bool = False,
    force_win: bool = False,
    skip: Sequence[int] = (),
) -> TreatResult:
    """Treat every column of ``values`` (units x indicators); ``skip`` lists untouched columns."""
    out = values.copy()
    points = np.full(values.shape, "", dtype=object)
    details: dict[int, dict[str, object]] = {}
    first = check_skew_kurt(values, skew_thresh, kurt_thresh)
    skipped = np.zeros(values.shape[1], dtype=bool)
    skipped[list(skip)] = True
    for j in np.flatnonzero(~first.undefined & ~skipped).tolist():
        details[j] = _check_row(first, j, 0)
    failing = np.flatnonzero(~first.passed & ~first.undefined & ~skipped)
    if failing.size == 0:
        return TreatResult(out, details, points)
    win = _winsorise(
        values[:, failing], first.skew[failing], winmax, skew_thresh, kurt_thresh, force_win
    )
    second = check_skew_kurt(win.values, skew_thresh, kurt_thresh)
    still_failing = []
    for k, j in enumerate(failing.tolist()):
        if second.undefined[k]:
            del details[j]  # COINr returns the untreated column, without details, on NA
            continue
        details[j]["winsorise.nwin"] = float(win.nwin[k])
        details[j].update(_check_row(second, k, 1))
        out[:, j] = win.values[:, k]
        points[win.high[:, k], j] = WIN_HIGH
        points[win.low[:, k], j] = WIN_LOW
        if not second.passed[k]:
            still_failing.append((k, j))
    if log and still_failing:
        _log_stage(
            values,
            win.values,
            out,
            points,
            details,
            still_failing,
            combine,
            (skew_thresh, kurt_thresh),
        )
    return TreatResult(out, details, points)


def _check_row(check: Check, k: int, stage: int) -> dict[str, object]:
    prefix = f"check_SkewKurt{stage}"
    return {
        f"{prefix}.Pass": bool(check.passed[k]),
        f"{prefix}.Skew": float(check.skew[k]),
        f"{prefix}.Kurt": float(check.kurt[k]),
    }


def _log_stage(original, winsorised, out, points, details, failing, combine, thresholds):
    ks = np.array([k for k, _ in failing])
    js = np.array([j for _, j in failing])
    source = winsorised[:, ks] if combine else original[:, js]
    logged = log_ct(source)
    third = check_skew_kurt(logged, *thresholds)
    for i, j in enumerate(js):
        if third.undefined[i]:
            out[:, j] = original[:, j]
            points[:, j] = ""
            del details[j]
            continue
        details[j].update(_check_row(third, i, 2))
        out[:, j] = logged[:, i]
        # COINr pastes the two treatment labels with "+", e.g. "winhi+log_CT" or "+log_CT".
        points[:, j] = points[:, j] + f"+{LOG_LABEL}"


def log_ct(values: np.ndarray) -> np.ndarray:
    """COINr ``log_CT``: ``log(x - min(x) + 0.01 * (max(x) - min(x)))`` per column."""
    low, high = r_min(values), r_max(values)
    return log(values - low + 0.01 * (high - low))


@dataclass(frozen=True)
class Winsorised:
    """Output of the vectorised winsorisation loop."""

    values: np.ndarray
    nwin: np.ndarray
    high: np.ndarray
    low: np.ndarray


def _winsorise(x, skew, winmax, skew_thresh, kurt_thresh, force_win) -> Winsorised:
    """Winsorise every column while it fails; ``skew`` is the skew of the untouched columns."""
    x = x.copy()
    skew = skew.copy()
    n_cols = x.shape[1]
    high = np.zeros(x.shape, dtype=bool)
    low = np.zeros(x.shape, dtype=bool)
    nwin = np.zeros(n_cols)
    limit = np.inf if winmax is None else winmax
    going = np.full(n_cols, nwin[0] < limit if n_cols else False)
    while going.any():
        cols = np.flatnonzero(going)
        block = x[:, cols]
        upper = skew[cols] >= 0  # positive skew: the outliers are high
        extreme = np.where(upper, r_max(block), r_min(block))
        at_extreme = block == extreme
        rest_high = np.where(at_extreme | np.isnan(block), -np.inf, block).max(axis=0)
        rest_low = np.where(at_extreme | np.isnan(block), np.inf, block).min(axis=0)
        replacement = np.where(upper, rest_high, rest_low)
        block = np.where(at_extreme, replacement, block)
        x[:, cols] = block
        high[:, cols] = np.where(upper, at_extreme, high[:, cols])
        low[:, cols] = np.where(upper, low[:, cols], at_extreme)
        nwin[cols] = high[:, cols].sum(axis=0) + low[:, cols].sum(axis=0)
        check = check_skew_kurt(block, skew_thresh, kurt_thresh)
        skew[cols] = check.skew  # the skew of the current values, used by the next step
        keep_going = (~check.passed | force_win) & ~check.undefined & (nwin[cols] < limit)
        going[cols] = keep_going
    return Winsorised(x, nwin, high, low)
