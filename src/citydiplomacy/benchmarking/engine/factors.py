"""Uncertain factors for Monte Carlo analysis, read from a ``factors.json`` document.

Format (every key is checked; unknown keys raise :class:`EngineError`)::

    {"analysis": "uncertainty" | "sensitivity",   # default uncertainty
     "target": "Index",                            # default: the top aggregate
     "mapping": "index" | "coinr",                 # how a draw u picks an alternative
     "n_boot": 0,                                  # bootstrap draws for sensitivity CIs
     "factors": [
       {"name": "winmax", "step": "treat", "param": "winmax", "values": [3, 5, 7]},
       {"name": "normalisation", "step": "normalise",
        "alternatives": [{"method": "minmax", "range": [0, 100]}, {"method": "rank"}]},
       {"name": "mean_p", "step": "aggregate", "param": "p", "range": [0.5, 2]},
       {"name": "weights", "noise": {"2": 0.25, "3": 0.25}, "n_sets": 100, "seed": 1}]}

``step`` is an op name that occurs once in the specification, or a 1-based step number.
``values`` lists alternative values of one parameter; ``alternatives`` lists replacement
parameter sets for the whole step (its ``op`` and ``weights`` are kept); ``range`` is a
continuous uniform interval for a numeric parameter; ``noise`` perturbs the weights in force
at the aggregate step, per level, by up to +/- the factor (COINr ``get_noisy_weights``),
generating ``n_sets`` weight sets from ``seed`` so that a replay gives the same sets.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .data import Framework
from .errors import EngineError
from .spec import PipelineSpec, Step, parse_step

TOP_KEYS = ("analysis", "target", "mapping", "n_boot", "factors", "description")
FACTOR_KEYS = (
    "name",
    "step",
    "param",
    "values",
    "alternatives",
    "range",
    "noise",
    "n_sets",
    "seed",
    "mapping",
)
ANALYSES = {
    "uncertainty": "uncertainty",
    "ua": "uncertainty",
    "sensitivity": "sensitivity",
    "sa": "sensitivity",
}


@dataclass(frozen=True)
class Factor:
    """One uncertain input: where it acts and what its alternatives are."""

    name: str
    step_index: int
    kind: str  # "values", "alternatives", "range" or "noise"
    param: str | None = None
    options: tuple[Any, ...] = ()
    bounds: tuple[float, float] | None = None
    noise: Mapping[int, float] | None = None
    n_sets: int = 100
    seed: int = 0
    mapping: str = "index"

    @property
    def n_options(self) -> int:
        """Number of discrete alternatives (0 for a continuous range)."""
        return self.n_sets if self.kind == "noise" else len(self.options)


@dataclass(frozen=True)
class FactorPlan:
    """A validated factors document."""

    analysis: str
    target: str | None
    factors: tuple[Factor, ...]
    n_boot: int = 0

    @property
    def names(self) -> tuple[str, ...]:
        """Factor names, in document order (the columns of a draws file)."""
        return tuple(f.name for f in self.factors)


def load_factors(path: str | Path, spec: PipelineSpec, framework: Framework) -> FactorPlan:
    """Read and validate a factors JSON file against the specification."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise EngineError(f"factors file not found: {path}") from exc
    except json.JSONDecodeError as exc:
        raise EngineError(f"factors file {path} is not valid JSON: {exc}") from exc
    return parse_factors(document, spec, framework)


def parse_factors(document: Any, spec: PipelineSpec, framework: Framework) -> FactorPlan:
    """Validate a decoded factors document."""
    if not isinstance(document, dict):
        raise EngineError("the factors document must be a JSON object")
    _reject_unknown(document, TOP_KEYS, "the factors document")
    analysis = ANALYSES.get(str(document.get("analysis", "uncertainty")).lower())
    if analysis is None:
        raise EngineError(
            f"unknown analysis {document.get('analysis')!r} (expected uncertainty or sensitivity)"
        )
    mapping = _mapping_name(document.get("mapping", "index"), "the factors document")
    raw_factors = document.get("factors")
    if not isinstance(raw_factors, list) or not raw_factors:
        raise EngineError("the factors document needs a non-empty 'factors' list")
    factors = tuple(
        _parse_factor(raw, i, spec, framework, mapping) for i, raw in enumerate(raw_factors)
    )
    names = [f.name for f in factors]
    if len(set(names)) != len(names):
        raise EngineError("factor names must be unique")
    if analysis == "sensitivity" and len(factors) < 2:
        raise EngineError("a sensitivity analysis needs at least two factors")
    target = document.get("target")
    if target is not None and target not in framework.elements:
        raise EngineError(f"unknown target code '{target}' in the factors document")
    n_boot = document.get("n_boot", 0)
    if isinstance(n_boot, bool) or not isinstance(n_boot, int) or n_boot < 0:
        raise EngineError("'n_boot' must be a non-negative integer")
    return FactorPlan(analysis, target, factors, n_boot)


def _reject_unknown(raw: Mapping[str, Any], allowed: Sequence[str], where: str) -> None:
    for key in raw:
        if key not in allowed:
            raise EngineError(f"unknown key '{key}' in {where}")


def _mapping_name(value: Any, where: str) -> str:
    if value not in ("index", "coinr"):
        raise EngineError(f"'mapping' in {where} must be 'index' or 'coinr', got {value!r}")
    return value


def _parse_factor(raw, position, spec, framework, mapping) -> Factor:
    if not isinstance(raw, dict):
        raise EngineError(f"factor {position + 1} must be an object")
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise EngineError(f"factor {position + 1} needs a 'name'")
    where = f"factor '{name}'"
    _reject_unknown(raw, FACTOR_KEYS, where)
    mapping = _mapping_name(raw.get("mapping", mapping), where)
    kinds = [k for k in ("values", "alternatives", "range", "noise") if k in raw]
    if len(kinds) != 1:
        raise EngineError(f"{where} needs exactly one of values, alternatives, range, noise")
    kind = kinds[0]
    default_step = "aggregate" if kind == "noise" else None
    step_index = _step_index(raw.get("step", default_step), spec, where)
    factor = Factor(name, step_index, kind, raw.get("param"), mapping=mapping)
    if kind == "noise":
        return _noise_factor(factor, raw, spec, framework, where)
    if kind == "alternatives":
        return _alternatives_factor(factor, raw, spec, where)
    if not isinstance(factor.param, str):
        raise EngineError(f"{where} needs a 'param' (the step parameter it varies)")
    if kind == "values":
        return _values_factor(factor, raw, spec, where)
    return _range_factor(factor, raw, spec, where)


def _step_index(reference: Any, spec: PipelineSpec, where: str) -> int:
    if isinstance(reference, int) and not isinstance(reference, bool):
        if not 1 <= reference <= len(spec.steps):
            raise EngineError(f"{where}: step number {reference} is out of range")
        return reference - 1
    matches = [s.index for s in spec.steps if s.op == reference]
    if len(matches) != 1:
        count = "no" if not matches else "several"
        raise EngineError(f"{where}: {count} step with op {reference!r} in the specification")
    return matches[0]


def _values_factor(factor: Factor, raw, spec, where) -> Factor:
    values = raw["values"]
    if not isinstance(values, list) or not values:
        raise EngineError(f"{where}: 'values' must be a non-empty list")
    for value in values:
        modified_step(spec.steps[factor.step_index], {factor.param: value}, where)
    return _with(factor, options=tuple(values))


def _alternatives_factor(factor: Factor, raw, spec, where) -> Factor:
    alternatives = raw["alternatives"]
    if not isinstance(alternatives, list) or not alternatives:
        raise EngineError(f"{where}: 'alternatives' must be a non-empty list of objects")
    for alternative in alternatives:
        if not isinstance(alternative, dict) or "op" in alternative:
            raise EngineError(
                f"{where}: each alternative must be an object of parameters (without 'op')"
            )
        modified_step(spec.steps[factor.step_index], alternative, where, replace_all=True)
    return _with(factor, options=tuple(alternatives))


def _range_factor(factor: Factor, raw, spec, where) -> Factor:
    bounds = raw["range"]
    ok = (
        isinstance(bounds, list)
        and len(bounds) == 2
        and all(isinstance(b, int | float) and not isinstance(b, bool) for b in bounds)
    )
    if not ok or not bounds[0] < bounds[1]:
        raise EngineError(f"{where}: 'range' must be [lower, upper] with lower < upper")
    for value in bounds:
        modified_step(spec.steps[factor.step_index], {factor.param: value}, where)
    return _with(factor, bounds=(float(bounds[0]), float(bounds[1])))


def _noise_factor(factor: Factor, raw, spec, framework: Framework, where) -> Factor:
    if spec.steps[factor.step_index].op != "aggregate":
        raise EngineError(f"{where}: weight noise must act on the aggregate step")
    noise = raw["noise"]
    if not isinstance(noise, dict) or not noise:
        raise EngineError(f"{where}: 'noise' must map levels to noise factors")
    levels: dict[int, float] = {}
    for key, value in noise.items():
        level = int(key) if str(key).isdigit() else -1
        if not 1 <= level <= framework.max_level:
            raise EngineError(f"{where}: noise level {key!r} is not a level of the hierarchy")
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise EngineError(f"{where}: noise factor of level {key} must be in [0, 1]")
        levels[level] = float(value)
    n_sets, seed = raw.get("n_sets", 100), raw.get("seed", 0)
    for label, value in (("n_sets", n_sets), ("seed", seed)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise EngineError(f"{where}: '{label}' must be a non-negative integer")
    if n_sets < 1:
        raise EngineError(f"{where}: 'n_sets' must be at least 1")
    return _with(factor, noise=levels, n_sets=n_sets, seed=seed)


def _with(factor: Factor, **changes) -> Factor:
    return Factor(**{**factor.__dict__, **changes})


def modified_step(
    step: Step, changes: Mapping[str, Any], where: str, replace_all: bool = False
) -> Step:
    """The step with ``changes`` applied, validated like any step of a specification."""
    raw: dict[str, Any] = {"op": step.op}
    if not replace_all:
        raw.update({k: _json_value(v) for k, v in step.params.items() if v is not None})
    raw.update(changes)
    if step.weights is not None and "weights" not in changes:
        raw["weights"] = dict(step.weights)
    try:
        return parse_step(raw, step.index)
    except EngineError as exc:
        raise EngineError(f"{where}: {exc}") from None


def _json_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def noisy_weight_sets(
    factor: Factor, framework: Framework, nominal: Mapping[str, float]
) -> list[dict[str, float]]:
    """COINr ``get_noisy_weights``: w + (2u - 1) * noise * w at each noisy level."""
    rng = np.random.default_rng(factor.seed)
    sets = []
    for _ in range(factor.n_sets):
        weights = dict(nominal)
        for level, size in sorted(factor.noise.items()):
            codes = framework.codes_at(level)
            w = np.array([nominal[c] for c in codes])
            w = w + (rng.random(len(codes)) * 2 - 1) * size * w
            weights.update(zip(codes, w.tolist(), strict=True))
        sets.append(weights)
    return sets


def pick_alternatives(draws: np.ndarray, n_options: int, mapping: str) -> np.ndarray:
    """Map uniform draws in [0, 1] to 0-based alternative numbers.

    ``index``: alternative ``ceil(u * n)`` (u = 0 picks the first). ``coinr``: the draws'
    own range is cut into ``n`` equal right-closed bins, as R's ``cut(x, n)`` in COINr.
    """
    if mapping == "index":
        picks = np.ceil(draws * n_options).astype(int)
        return np.clip(picks, 1, n_options) - 1
    if n_options == 1:
        return np.zeros(len(draws), dtype=int)
    low, high = float(np.min(draws)), float(np.max(draws))
    span = high - low
    if span == 0:
        span = abs(low) if low != 0 else 1.0
        breaks = np.linspace(low - span / 1000, high + span / 1000, n_options + 1)
    else:
        breaks = low + np.arange(n_options + 1) * (span / n_options)
        breaks[0], breaks[-1] = low - span / 1000, high + span / 1000
    return np.searchsorted(breaks, draws, side="left") - 1


def continuous_values(draws: np.ndarray, bounds: tuple[float, float]) -> np.ndarray:
    """Map uniform draws onto ``[lower, upper]``."""
    low, high = bounds
    return draws * (high - low) + low


def check_draws(draws: np.ndarray, names: Sequence[str]) -> None:
    """Every draw must be a number in [0, 1]."""
    for j, name in enumerate(names):
        column = draws[:, j]
        bad = ~((column >= 0) & (column <= 1))
        if bad.any():
            row = int(np.flatnonzero(bad)[0]) + 2
            raise EngineError(f"draw of factor '{name}' on line {row} is not in [0, 1]")
