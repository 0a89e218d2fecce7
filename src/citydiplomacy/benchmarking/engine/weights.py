"""Weights: given or equal weights, validation, and effective weights down the tree."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from .data import Framework
from .errors import EngineError

WEIGHT_METHODS = ("given", "equal")


def long_total(values) -> float:
    """Sequential long-double sum, as R's ``sum()`` computes it."""
    total = np.longdouble(0)
    for value in values:
        total += np.longdouble(value)
    return float(total)


def resolve_weights(
    framework: Framework,
    current: Mapping[str, float] | None = None,
    overrides: Mapping[str, float] | None = None,
    method: str = "given",
) -> dict[str, float]:
    """The weight of every element after applying ``method`` and then ``overrides``.

    ``given`` starts from ``current`` (or the iMeta weights); ``equal`` sets every weight to 1.
    Unknown codes, negative or non-finite weights, and parents whose children all weigh zero
    raise :class:`EngineError`.
    """
    if method not in WEIGHT_METHODS:
        raise EngineError(f"unknown weights method '{method}' (expected given or equal)")
    if method == "equal":
        weights = dict.fromkeys(framework.meta_order, 1.0)
    else:
        weights = dict(current if current is not None else framework.weights())
    for code, value in (overrides or {}).items():
        if code not in framework.elements:
            raise EngineError(f"unknown indicator code '{code}' in weights")
        weights[code] = _as_weight(code, value)
    check_weights(framework, weights)
    return weights


def _as_weight(code: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EngineError(f"weight of '{code}' must be a number, got {value!r}")
    return float(value)


def check_weights(framework: Framework, weights: Mapping[str, float]) -> None:
    """Reject negative or non-finite weights and groups whose weights are all zero."""
    for code in framework.meta_order:
        value = weights[code]
        if not math.isfinite(value) or value < 0:
            raise EngineError(f"weight of '{code}' is negative or not finite ({value})")
    for parent in _parents(framework):
        children = _group(framework, parent)
        if not any(weights[c] > 0 for c in children):
            label = f"children of '{parent}'" if parent else "top-level elements"
            raise EngineError(f"weights of the {label} are all zero")


def _parents(framework: Framework) -> list[str | None]:
    return list(dict.fromkeys(framework.elements[c].parent for c in framework.meta_order))


def _group(framework: Framework, parent: str | None) -> list[str]:
    return [c for c in framework.meta_order if framework.elements[c].parent == parent]


def effective_weights(framework: Framework, weights: Mapping[str, float]) -> dict[str, float]:
    """Weights normalised within each parent and multiplied down the tree (COINr order).

    Every element's share of its parent is computed first; then, from the level below the
    top downwards, each share is multiplied by its parent's effective weight.
    """
    effective: dict[str, float] = {}
    for parent in _parents(framework):
        children = _group(framework, parent)
        total = long_total(weights[c] for c in children)
        for code in children:
            effective[code] = weights[code] / total
    for level in range(framework.max_level - 1, 0, -1):
        for code in framework.codes_at(level):
            effective[code] = effective[code] * effective[framework.elements[code].parent]
    return effective
