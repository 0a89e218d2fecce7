"""The pipeline specification: a JSON document naming the steps in order, validated strictly.

Example::

    {"steps": [{"op": "denominate"},
               {"op": "impute", "method": "mean", "group": "EurAsia_group"},
               {"op": "screen", "by": "na", "threshold": 0.9},
               {"op": "treat", "winmax": 5, "skew": 2, "kurt": 3.5},
               {"op": "normalise", "method": "minmax", "range": [0, 100]},
               {"op": "aggregate", "method": "arithmetic"}]}

Every op and parameter is listed in :data:`OPS`; anything else raises :class:`EngineError`
naming the step, the op and the parameter. Defaults are filled in, so a validated
:class:`Step` always carries every parameter of its op.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import EngineError

Checker = Callable[[Any, str], Any]


def _number(lo: float = -math.inf, hi: float = math.inf, open_lo: bool = False) -> Checker:
    def check(value: Any, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise EngineError(f"{where} must be a number, got {value!r}")
        if not math.isfinite(value) or value < lo or value > hi or (open_lo and value == lo):
            raise EngineError(f"{where} is out of range: {value!r}")
        return float(value)

    return check


def _integer_or_null(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise EngineError(f"{where} must be a non-negative integer or null, got {value!r}")
    return value


def _boolean(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise EngineError(f"{where} must be true or false, got {value!r}")
    return value


def _choice(*options: str) -> Checker:
    def check(value: Any, where: str) -> str:
        if value not in options:
            raise EngineError(f"{where} must be one of {', '.join(options)}, got {value!r}")
        return value

    return check


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise EngineError(f"{where} must be a non-empty string, got {value!r}")
    return value


def _code_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EngineError(f"{where} must be a list of codes")
    return tuple(value)


def _mapping(value_check: Checker) -> Checker:
    def check(value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise EngineError(f"{where} must be an object mapping codes to values")
        return {str(k): value_check(v, f"{where}['{k}']") for k, v in value.items()}

    return check


def _pair(value: Any, where: str) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise EngineError(f"{where} must be a list [lower, upper]")
    lower, upper = (_number()(v, where) for v in value)
    return lower, upper


def _optional_text(value: Any, where: str) -> str | None:
    return None if value in (None, "") else _text(value, where)


def _thresholds(value: Any, where: str) -> float | tuple[float, ...] | None:
    if value is None:
        return None
    if isinstance(value, list):
        return tuple(_number(0, 1)(v, where) for v in value)
    return _number(0, 1)(value, where)


def _level_rules(value: Any, where: str) -> tuple[dict[str, Any], ...]:
    if not isinstance(value, list) or not value:
        raise EngineError(f"{where} must be a non-empty list (one method per level)")
    rules = []
    for i, item in enumerate(value):
        item_where = f"{where}[{i}]"
        if isinstance(item, str):
            item = {"method": item}
        if not isinstance(item, dict):
            raise EngineError(f"{item_where} must be a method name or an object")
        rules.append(_validate(item, AGGREGATE_LEVEL_PARAMS, item_where, "by_level entry"))
    return tuple(rules)


NORMALISE_METHOD_PARAMS: dict[str, dict[str, tuple[Checker, Any]]] = {
    "minmax": {"range": (_pair, (0.0, 100.0))},
    "zscore": {"mean": (_number(), 0.0), "sd": (_number(0, open_lo=True), 1.0)},
    "rank": {},
    "borda": {},
    "prank": {},
    "fracmax": {},
    "dist2max": {},
    "none": {},
    "dist2target": {"cap_max": (_boolean, False)},
    "goalposts": {
        "lower": (_number(), None),
        "upper": (_number(), None),
        "scale": (_number(), 1.0),
        "trunc": (_boolean, True),
        "use_meta": (_boolean, False),
    },
}

AGGREGATE_LEVEL_PARAMS: dict[str, tuple[Checker, Any]] = {
    "method": (_choice("arithmetic", "geometric", "harmonic", "generalised"), "arithmetic"),
    "p": (_number(), None),
}

WEIGHTS_PARAM = {"weights": (_mapping(_number()), None)}

OPS: dict[str, dict[str, tuple[Checker, Any]]] = {
    "denominate": {
        "denominators": (_mapping(_optional_text), None),
        "scale_factors": (_mapping(_number(0, open_lo=True)), None),
    },
    "impute": {
        "method": (_choice("mean", "median"), "mean"),
        "group": (_text, None),
        "by": (_choice("column", "row"), "column"),
        "level": (_number(2), None),
        "normalise_first": (_boolean, None),
    },
    "screen": {
        "by": (_choice("na", "zeros", "na_and_zeros"), "na"),
        "threshold": (_number(0, 1), 2 / 3),
        "zeros_threshold": (_number(0, 1), 0.05),
        "force": (_mapping(_boolean), None),
    },
    "treat": {
        "winmax": (_integer_or_null, 5),
        "skew": (_number(0), 2.0),
        "kurt": (_number(), 3.5),
        "log": (_boolean, True),
        "combine": (_boolean, False),
        "force_win": (_boolean, False),
        "skip": (_code_list, ()),
    },
    "normalise": {
        "method": (_choice(*NORMALISE_METHOD_PARAMS), "minmax"),
        "overrides": (_mapping(lambda v, w: v), None),
    },
    "aggregate": {
        **AGGREGATE_LEVEL_PARAMS,
        "dat_thresh": (_thresholds, None),
        "by_level": (_level_rules, None),
    },
    "weights": {"method": (_choice("given", "equal"), "given")},
}

STAGE_NAMES = {
    "denominate": "denominated",
    "impute": "imputed",
    "screen": "screened",
    "treat": "treated",
    "normalise": "normalised",
    "aggregate": "aggregated",
}


@dataclass(frozen=True)
class Step:
    """One validated step: its op, every parameter (defaults filled) and optional weights."""

    index: int
    op: str
    params: Mapping[str, Any]
    weights: Mapping[str, float] | None = None

    @cached_property
    def key(self) -> str:
        """Canonical text of the op, parameters and weights (for memoising results)."""
        return json.dumps(
            [self.op, _plain(self.params), _plain(self.weights)], sort_keys=True, default=str
        )

    @property
    def label(self) -> str:
        """``step N (op)`` for messages."""
        return f"step {self.index + 1} ({self.op})"


@dataclass(frozen=True)
class PipelineSpec:
    """A validated pipeline specification."""

    steps: tuple[Step, ...]
    level_names: tuple[str, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-able document that validates back to this spec."""
        steps = []
        for step in self.steps:
            entry = {"op": step.op, **_jsonable(step.params)}
            if step.weights is not None:
                entry["weights"] = dict(step.weights)
            steps.append(entry)
        doc: dict[str, Any] = {"steps": steps}
        if self.level_names is not None:
            doc["level_names"] = list(self.level_names)
        return doc


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _jsonable(params: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in params.items():
        if value is None:
            continue
        out[key] = list(value) if isinstance(value, tuple) else value
    return out


def _validate(raw: Mapping[str, Any], table, where: str, what: str) -> dict[str, Any]:
    unknown = [k for k in raw if k not in table]
    if unknown:
        raise EngineError(f"unknown parameter '{unknown[0]}' for {what} in {where}")
    return {
        name: (
            check(raw[name], f"parameter '{name}' of {what} in {where}") if name in raw else default
        )
        for name, (check, default) in table.items()
    }


def parse_step(raw: Any, index: int) -> Step:
    """Validate one step object of the ``steps`` list."""
    where = f"step {index + 1}"
    if not isinstance(raw, dict):
        raise EngineError(f"{where} must be an object with an 'op'")
    op = raw.get("op")
    if op not in OPS:
        raise EngineError(f"unknown op {op!r} in {where} (expected one of {', '.join(OPS)})")
    body = {k: v for k, v in raw.items() if k not in ("op", "weights")}
    weights = (
        _mapping(_number())(raw["weights"], f"'weights' of {where}") if "weights" in raw else None
    )
    if op == "normalise":
        params = _parse_normalise(body, f"{where} (normalise)")
    else:
        params = _validate(body, OPS[op], where, f"op '{op}'")
    _check_combinations(op, params, where)
    return Step(index, op, params, weights)


def _parse_normalise(body: Mapping[str, Any], where: str) -> dict[str, Any]:
    method = _choice(*NORMALISE_METHOD_PARAMS)(
        body.get("method", "minmax"), f"parameter 'method' of {where}"
    )
    table = {**OPS["normalise"], **NORMALISE_METHOD_PARAMS[method]}
    params = _validate(body, table, where, f"normalise method '{method}'")
    if (
        method == "goalposts"
        and not params["use_meta"]
        and (params["lower"] is None or params["upper"] is None)
    ):
        raise EngineError(
            f"normalise method 'goalposts' in {where} needs 'lower' and "
            "'upper' (or 'use_meta': true)"
        )
    if params["overrides"]:
        params["overrides"] = {
            code: _parse_normalise(_as_object(spec, where), f"{where} override '{code}'")
            for code, spec in params["overrides"].items()
        }
    return params


def _as_object(value: Any, where: str) -> dict[str, Any]:
    if isinstance(value, str):
        return {"method": value}
    if not isinstance(value, dict):
        raise EngineError(f"normalise override in {where} must be a method name or object")
    if "overrides" in value:
        raise EngineError(f"unknown parameter 'overrides' inside an override in {where}")
    return value


def _check_combinations(op: str, params: Mapping[str, Any], where: str) -> None:
    if op == "impute" and params["level"] is not None:
        if params["by"] != "row":
            raise EngineError(f"parameter 'level' of op 'impute' in {where} needs 'by': 'row'")
        if params["level"] != int(params["level"]):
            raise EngineError(f"parameter 'level' of op 'impute' in {where} must be an integer")
    if op == "impute" and params["group"] is not None and params["by"] == "row":
        raise EngineError(
            f"parameter 'group' of op 'impute' in {where} works with 'by': 'column' only"
        )
    if op == "aggregate" and params["method"] == "generalised" and not params["p"]:
        raise EngineError(
            f"op 'aggregate' in {where} with method 'generalised' needs a non-zero 'p'"
        )


def parse_spec(document: Any) -> PipelineSpec:
    """Validate a specification document (already decoded from JSON)."""
    if not isinstance(document, dict):
        raise EngineError("the specification must be a JSON object with a 'steps' list")
    unknown = [k for k in document if k not in ("steps", "level_names", "description")]
    if unknown:
        raise EngineError(f"unknown top-level key '{unknown[0]}' in the specification")
    raw_steps = document.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise EngineError("the specification needs a non-empty 'steps' list")
    steps = tuple(parse_step(raw, i) for i, raw in enumerate(raw_steps))
    _check_order(steps)
    names = document.get("level_names")
    if names is not None and (
        not isinstance(names, list) or not all(isinstance(n, str) for n in names)
    ):
        raise EngineError("'level_names' must be a list of strings")
    return PipelineSpec(steps, tuple(names) if names is not None else None)


def _check_order(steps: Sequence[Step]) -> None:
    aggregates = [s for s in steps if s.op == "aggregate"]
    if len(aggregates) > 1:
        raise EngineError(f"only one aggregate step is allowed ({aggregates[1].label})")
    if aggregates and steps[-1].op != "aggregate":
        after = steps[aggregates[0].index + 1]
        raise EngineError(f"{after.label} comes after the aggregate step, which must be last")


def load_spec(path: str | Path) -> PipelineSpec:
    """Read and validate a specification JSON file."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise EngineError(f"specification file not found: {path}") from exc
    except json.JSONDecodeError as exc:
        raise EngineError(f"specification {path} is not valid JSON: {exc}") from exc
    return parse_spec(document)


REFERENCE_SPEC = {
    "level_names": ["Indicator", "Pillar", "Sub-index", "Index"],
    "steps": [
        {"op": "denominate"},
        {"op": "impute", "method": "mean", "group": "EurAsia_group"},
        {"op": "screen", "by": "na", "threshold": 0.9},
        {"op": "treat", "winmax": 5, "skew": 2, "kurt": 3.5},
        {"op": "normalise", "method": "minmax", "range": [0, 100]},
        {"op": "aggregate", "method": "arithmetic"},
    ],
}
"""COINr's ``build_example_coin()`` pipeline expressed in this vocabulary."""
