"""Running a validated specification on a coin, step by step.

Each op turns a :class:`State` (current table, current weights, screening and treatment
details) into the next one. Results of step prefixes can be memoised in a
:class:`PrefixCache`, which is what makes Monte Carlo replications cheap: only the steps that a
replication actually changes are recomputed.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from . import normalise as norm
from .aggregate import LevelRule, aggregate
from .data import Coin, Framework
from .denominate import denominate_table, denominator_plan
from .errors import EngineError
from .impute import impute
from .ranks import rank_table
from .screen import ScreenResult, screen_units
from .spec import STAGE_NAMES, PipelineSpec, Step
from .table import Table
from .treat import TreatResult, treat
from .weights import effective_weights, resolve_weights


@dataclass(frozen=True)
class State:
    """What flows between steps."""

    table: Table
    weights: Mapping[str, float]
    screen: tuple[ScreenResult, tuple[str, ...]] | None = None
    treat: tuple[TreatResult, tuple[str, ...]] | None = None


@dataclass(frozen=True)
class PipelineResult:
    """Every stage of a run plus the details COINr reports alongside them."""

    coin: Coin
    stages: tuple[tuple[str, Table], ...]
    final: State

    @property
    def table(self) -> Table:
        """The last data set (the aggregated one when the spec aggregates)."""
        return self.final.table

    def stage(self, name: str) -> Table:
        """The data set written by the step named ``name`` (e.g. ``"treated"``)."""
        for stage_name, table in self.stages:
            if stage_name == name:
                return table
        raise EngineError(f"no stage named '{name}' in this run")

    def ranks(self) -> Table:
        """Ranks of every column of the last data set."""
        return rank_table(self.table)

    def effective_weights(self) -> dict[str, float]:
        """Effective weights of the weights in force at the end of the run."""
        return effective_weights(self.coin.framework, self.final.weights)


@dataclass
class PrefixCache:
    """Memoised states keyed by the steps that produced them (least recently used out)."""

    max_entries: int = 64
    entries: OrderedDict[str, State] = field(default_factory=OrderedDict)

    def get(self, key: str) -> State | None:
        """The state for ``key`` if present (refreshing its recency)."""
        state = self.entries.get(key)
        if state is not None:
            self.entries.move_to_end(key)
        return state

    def put(self, key: str, state: State) -> None:
        """Store a state, evicting the oldest entry when full."""
        self.entries[key] = state
        self.entries.move_to_end(key)
        while len(self.entries) > self.max_entries:
            self.entries.popitem(last=False)


def step_key(steps: Sequence[Step]) -> str:
    """A canonical text key for a sequence of steps."""
    return "\n".join(step.key for step in steps)


def initial_state(coin: Coin) -> State:
    """The raw data set with the metadata weights."""
    table = Table(coin.units, coin.framework.indicators, coin.raw.copy())
    return State(table, coin.framework.weights())


def run_pipeline(
    coin: Coin, spec: PipelineSpec, cache: PrefixCache | None = None, keep_stages: bool = True
) -> PipelineResult:
    """Run every step of ``spec`` on ``coin`` and collect the stages."""
    state = initial_state(coin)
    stages: list[tuple[str, Table]] = [("raw", state.table)]
    start = 0
    if cache is not None and not keep_stages:
        start, state = _longest_cached_prefix(cache, spec.steps, state)
    for i in range(start, len(spec.steps)):
        step = spec.steps[i]
        state = apply_step(coin, state, step)
        if cache is not None:
            cache.put(step_key(spec.steps[: i + 1]), state)
        if keep_stages and step.op in STAGE_NAMES:
            stages.append((_stage_name(stages, STAGE_NAMES[step.op]), state.table))
    return PipelineResult(coin, tuple(stages), state)


def _longest_cached_prefix(cache: PrefixCache, steps: Sequence[Step], state: State):
    for end in range(len(steps), 0, -1):
        cached = cache.get(step_key(steps[:end]))
        if cached is not None:
            return end, cached
    return 0, state


def _stage_name(stages: Sequence[tuple[str, Table]], base: str) -> str:
    taken = {name for name, _ in stages}
    if base not in taken:
        return base
    n = 2
    while f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"


def apply_step(coin: Coin, state: State, step: Step) -> State:
    """Apply one step to a state."""
    framework = coin.framework
    if step.op == "weights":
        weights = resolve_weights(framework, state.weights, step.weights, step.params["method"])
        return replace(state, weights=weights)
    if step.weights is not None:
        state = replace(state, weights=resolve_weights(framework, state.weights, step.weights))
    handler = {
        "denominate": _denominate,
        "impute": _impute,
        "screen": _screen,
        "treat": _treat,
        "normalise": _normalise,
        "aggregate": _aggregate,
    }[step.op]
    return handler(coin, state, step)


def _denominate(coin: Coin, state: State, step: Step) -> State:
    plan = denominator_plan(coin, step.params["denominators"], step.params["scale_factors"])
    return replace(state, table=denominate_table(coin, state.table, plan))


def _impute(coin: Coin, state: State, step: Step) -> State:
    p = step.params
    table, framework = state.table, coin.framework
    groups = None
    if p["group"] is not None:
        if p["group"] not in coin.groups:
            raise EngineError(f"unknown group column '{p['group']}' in {step.label}")
        rows = coin.unit_positions(table.units)
        groups = [coin.groups[p["group"]][r] for r in rows]
    column_groups = None
    if p["level"] is not None:
        level = int(p["level"])
        if not 2 <= level <= framework.max_level:
            raise EngineError(
                f"parameter 'level' of {step.label} must be between 2 and {framework.max_level}"
            )
        column_groups = [framework.ancestor(c, level) for c in table.columns]
    values = impute(
        table.values,
        p["method"],
        p["by"],
        groups,
        column_groups,
        framework.directions(table.columns),
        p["normalise_first"],
    )
    return replace(state, table=table.with_values(values))


def _screen(coin: Coin, state: State, step: Step) -> State:
    p = step.params
    table = state.table
    force = {}
    for unit, keep in (p["force"] or {}).items():
        if unit not in table.units:
            raise EngineError(f"unknown unit code '{unit}' in 'force' of {step.label}")
        force[table.units.index(unit)] = keep
    result = screen_units(table.values, p["by"], p["threshold"], p["zeros_threshold"], force)
    return replace(state, table=table.keep_units(result.included), screen=(result, table.units))


def _treat(coin: Coin, state: State, step: Step) -> State:
    p = step.params
    table = state.table
    for code in p["skip"]:
        if code not in table.columns:
            raise EngineError(f"unknown indicator code '{code}' in 'skip' of {step.label}")
    result = treat(
        table.values,
        p["winmax"],
        p["skew"],
        p["kurt"],
        p["log"],
        p["combine"],
        p["force_win"],
        [table.columns.index(c) for c in p["skip"]],
    )
    return replace(state, table=table.with_values(result.values), treat=(result, table.units))


def _normalise(coin: Coin, state: State, step: Step) -> State:
    table = state.table
    codes = table.columns
    overrides = step.params["overrides"] or {}
    for code in overrides:
        if code not in codes:
            raise EngineError(f"unknown indicator code '{code}' in 'overrides' of {step.label}")
    values = normalise_columns(coin.framework, codes, table.values, step.params, step.label)
    for code, params in overrides.items():
        j = codes.index(code)
        values[:, [j]] = normalise_columns(
            coin.framework, (code,), table.values[:, [j]], params, step.label
        )
    return replace(state, table=table.with_values(values))


def normalise_columns(
    framework: Framework,
    codes: Sequence[str],
    values: np.ndarray,
    params: Mapping[str, Any],
    label: str,
) -> np.ndarray:
    """Normalise the given columns with one method's parameters (see :mod:`.normalise`)."""
    method = params["method"]
    directions = framework.directions(codes)
    extra: dict[str, Any] = {}
    if method == "minmax":
        extra = {"lower": params["range"][0], "upper": params["range"][1]}
    elif method == "zscore":
        extra = {"mean": params["mean"], "sd": params["sd"]}
    elif method == "dist2target":
        extra = {"targets": _targets(framework, codes, label), "cap_max": params["cap_max"]}
    elif method == "goalposts":
        extra = _goalposts(framework, codes, params, label)
    return norm.normalise(values, directions, method, **extra)


def _targets(framework: Framework, codes: Sequence[str], label: str) -> np.ndarray:
    targets = np.array([framework.elements[c].target for c in codes])
    for code, target in zip(codes, targets, strict=True):
        if math.isnan(target):
            raise EngineError(f"indicator '{code}' has no Target in iMeta ({label})")
    return targets


def _goalposts(framework: Framework, codes, params, label) -> dict[str, Any]:
    if not params["use_meta"]:
        return {k: params[k] for k in ("lower", "upper", "scale", "trunc")}
    columns = {
        "lower": ("goalpost_lower", None),
        "upper": ("goalpost_upper", None),
        "scale": ("goalpost_scale", "1"),
        "trunc": ("goalpost_trunc2posts", "TRUE"),
    }
    out: dict[str, Any] = {}
    for key, (column, default) in columns.items():
        texts = [framework.elements[c].extra.get(column) or default for c in codes]
        for code, text in zip(codes, texts, strict=True):
            if text is None:
                raise EngineError(f"indicator '{code}' has no '{column}' in iMeta ({label})")
        if key == "trunc":
            out[key] = np.array([t.strip().upper() in ("TRUE", "1") for t in texts])
        else:
            out[key] = np.array([float(t) for t in texts])
    return out


def level_rules(framework: Framework, params: Mapping[str, Any], label: str) -> list[LevelRule]:
    """One :class:`LevelRule` per aggregation level from the aggregate step's parameters."""
    n_levels = framework.max_level - 1
    entries = params["by_level"] or [{"method": params["method"], "p": params["p"]}] * n_levels
    if len(entries) != n_levels:
        raise EngineError(
            f"'by_level' of {label} has {len(entries)} entries, the hierarchy "
            f"has {n_levels} aggregation level(s)"
        )
    thresholds = params["dat_thresh"]
    if not isinstance(thresholds, tuple):
        thresholds = (thresholds,) * n_levels
    if len(thresholds) != n_levels:
        raise EngineError(
            f"'dat_thresh' of {label} has {len(thresholds)} entries, expected {n_levels}"
        )
    rules = []
    for entry, threshold in zip(entries, thresholds, strict=True):
        if entry["method"] == "generalised" and not entry["p"]:
            raise EngineError(f"method 'generalised' in {label} needs a non-zero 'p'")
        rules.append(LevelRule(entry["method"], entry["p"], threshold))
    return rules


def _aggregate(coin: Coin, state: State, step: Step) -> State:
    rules = level_rules(coin.framework, step.params, step.label)
    return replace(state, table=aggregate(state.table, coin.framework, state.weights, rules))
