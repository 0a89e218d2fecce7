"""The city's acceptance rules and scoring weights, storable as JSON.

:meth:`TriageRules.from_dict` reads a (possibly partial) configuration — missing settings keep
their defaults — and rejects anything it does not understand with a :class:`RulesError` that
names the offending key, e.g. ``penalties.short_notice.points: must be 0 or less, got 5``.
:meth:`TriageRules.to_dict` writes the full configuration back; the two round-trip.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from .inputs import BUSINESS_POTENTIALS, LEADER_LEVELS, PRIORITY_LEVELS

#: The rules that cost points when broken; each can be made "hard" (broken → decline).
PENALTY_NAMES = ("short_notice", "no_capacity", "too_long", "large_delegation", "repeat_visit")


class RulesError(ValueError):
    """A configuration problem; ``key`` is the dotted path of the offending setting."""

    def __init__(self, key: str, problem: str):
        super().__init__(f"{key}: {problem}")
        self.key = key


@dataclass(frozen=True)
class Penalty:
    """Points (0 or less) for breaking a rule; ``hard``: breaking it means decline."""

    points: int
    hard: bool = False


@dataclass(frozen=True)
class Weights:
    """Points for the positive criteria."""

    spearhead: int = 20  # per matching spearhead theme
    no_spearhead: int = -10
    geography: Mapping[int, int] = field(default_factory=lambda: {1: 20, 2: 10, 3: 0})
    no_geographic_priority: int = 0
    leader_level: Mapping[str, int] = field(
        default_factory=lambda: dict(zip(LEADER_LEVELS, (25, 20, 15, 10, 5, 0, 0), strict=True))
    )
    business_potential: Mapping[str, int] = field(
        default_factory=lambda: dict(zip(BUSINESS_POTENTIALS, (15, 8, 3, 0), strict=True))
    )


def _default_penalties() -> dict[str, Penalty]:
    return {
        "short_notice": Penalty(-40, hard=True),
        "no_capacity": Penalty(-25),
        "too_long": Penalty(-15),
        "large_delegation": Penalty(-10),
        "repeat_visit": Penalty(-30),
    }


@dataclass(frozen=True)
class Thresholds:
    """Lowest scores for hosting centrally and for redirecting; below: decline."""

    host_centrally: int = 50
    redirect: int = 20


@dataclass(frozen=True)
class TriageRules:
    """Everything a city can configure about triage.

    Four weeks' notice and two years between visits follow the Helsinki plan; the points are
    a starting point for each city to tune.
    """

    minimum_notice_days: int = 28
    repeat_window_days: int = 730
    maximum_length_days: int = 3
    large_delegation_size: int = 30
    max_spearhead_themes: int = 2  # spearhead themes counted at most
    repeat_outcomes: frozenset[str] = frozenset({"hosted", "redirected"})
    weights: Weights = field(default_factory=Weights)
    penalties: Mapping[str, Penalty] = field(default_factory=_default_penalties)
    thresholds: Thresholds = field(default_factory=Thresholds)

    def __post_init__(self) -> None:
        object.__setattr__(self, "repeat_outcomes", frozenset(self.repeat_outcomes))
        _validate(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TriageRules:
        """Read a configuration; raises :class:`RulesError` naming the first bad key."""
        return _parse_rules(_mapping(data, ""))

    def to_dict(self) -> dict[str, Any]:
        """The full configuration as JSON-ready data."""
        weights = self.weights
        return {
            **{name: getattr(self, name) for name in _NUMBERS},
            "repeat_outcomes": sorted(self.repeat_outcomes),
            "weights": {
                "spearhead": weights.spearhead,
                "no_spearhead": weights.no_spearhead,
                "geography": {str(level): p for level, p in weights.geography.items()},
                "no_geographic_priority": weights.no_geographic_priority,
                "leader_level": dict(weights.leader_level),
                "business_potential": dict(weights.business_potential),
            },
            "penalties": {
                name: {"points": p.points, "hard": p.hard} for name, p in self.penalties.items()
            },
            "thresholds": {
                "host_centrally": self.thresholds.host_centrally,
                "redirect": self.thresholds.redirect,
            },
        }


# Whole-number settings and their smallest allowed values.
_NUMBERS = {
    "minimum_notice_days": 0,
    "repeat_window_days": 0,
    "maximum_length_days": 1,
    "large_delegation_size": 1,
    "max_spearhead_themes": 0,
}


def _parse_rules(data: Mapping[str, Any]) -> TriageRules:
    _reject_unknown(data, "", [*_NUMBERS, "repeat_outcomes", "weights", "penalties", "thresholds"])
    settings: dict[str, Any] = {
        name: _integer(data[name], name) for name in _NUMBERS if name in data
    }
    if "repeat_outcomes" in data:
        settings["repeat_outcomes"] = _outcomes(data["repeat_outcomes"], "repeat_outcomes")
    if "weights" in data:
        settings["weights"] = _parse_weights(_mapping(data["weights"], "weights"))
    if "penalties" in data:
        settings["penalties"] = _parse_penalties(_mapping(data["penalties"], "penalties"))
    if "thresholds" in data:
        given = _mapping(data["thresholds"], "thresholds")
        _reject_unknown(given, "thresholds", ["host_centrally", "redirect"])
        values = {name: _integer(value, f"thresholds.{name}") for name, value in given.items()}
        settings["thresholds"] = Thresholds(**values)
    return TriageRules(**settings)


def _parse_weights(data: Mapping[str, Any]) -> Weights:
    defaults = Weights()
    _reject_unknown(data, "weights", [f.name for f in fields(Weights)])
    values: dict[str, Any] = {}
    for name in ("spearhead", "no_spearhead", "no_geographic_priority"):
        if name in data:
            values[name] = _integer(data[name], f"weights.{name}")
    tables = {
        "geography": [str(level) for level in PRIORITY_LEVELS],
        "leader_level": LEADER_LEVELS,
        "business_potential": BUSINESS_POTENTIALS,
    }
    for name, allowed in tables.items():
        if name in data:
            key = f"weights.{name}"
            given = _mapping(data[name], key)
            _reject_unknown(given, key, allowed)
            table = {k: _integer(v, f"{key}.{k}") for k, v in given.items()}
            if name == "geography":
                table = {int(level): points for level, points in table.items()}
            values[name] = {**getattr(defaults, name), **table}
    return Weights(**values)


def _parse_penalties(data: Mapping[str, Any]) -> dict[str, Penalty]:
    _reject_unknown(data, "penalties", PENALTY_NAMES)
    penalties = _default_penalties()
    for name, given in data.items():
        key = f"penalties.{name}"
        given = _mapping(given, key)
        _reject_unknown(given, key, ["points", "hard"])
        points = _integer(given.get("points", penalties[name].points), f"{key}.points")
        hard = given.get("hard", penalties[name].hard)
        if not isinstance(hard, bool):
            raise RulesError(f"{key}.hard", f"must be true or false, got {hard!r}")
        penalties[name] = Penalty(points, hard)
    return penalties


def _validate(rules: TriageRules) -> None:
    """Check the value ranges of constructed rules (also when built directly in Python)."""
    for name, minimum in _NUMBERS.items():
        value = _integer(getattr(rules, name), name)
        if value < minimum:
            raise RulesError(name, f"must be at least {minimum}, got {value}")
    _validate_weights(rules.weights)
    missing = set(PENALTY_NAMES) - set(rules.penalties)
    if missing:
        raise RulesError("penalties", f"missing {', '.join(sorted(missing))}")
    for name, penalty in rules.penalties.items():
        if penalty.points > 0:
            raise RulesError(f"penalties.{name}.points", f"must be 0 or less, got {penalty.points}")
    for outcome in rules.repeat_outcomes:
        if not isinstance(outcome, str) or not outcome:
            raise RulesError("repeat_outcomes", f"outcomes must be non-empty text, got {outcome!r}")
    thresholds = rules.thresholds
    if thresholds.host_centrally <= thresholds.redirect:
        raise RulesError(
            "thresholds.host_centrally",
            f"must be above thresholds.redirect ({thresholds.redirect}), "
            f"got {thresholds.host_centrally}",
        )


def _validate_weights(weights: Weights) -> None:
    tables = {
        "geography": PRIORITY_LEVELS,
        "leader_level": LEADER_LEVELS,
        "business_potential": BUSINESS_POTENTIALS,
    }
    for name, required in tables.items():
        missing = [str(k) for k in required if k not in getattr(weights, name)]
        if missing:
            raise RulesError(f"weights.{name}", f"missing {', '.join(missing)}")


def _mapping(value: Any, key: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise RulesError(key or "rules", f"must be an object, got {type(value).__name__}")
    return value


def _integer(value: Any, key: str) -> int:
    # bool is an int subclass in Python, but `true` is no number of days.
    if isinstance(value, bool) or not isinstance(value, int):
        raise RulesError(key, f"must be a whole number, got {value!r}")
    return value


def _outcomes(value: Any, key: str) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
        raise RulesError(key, f"must be a list of outcomes, got {value!r}")
    return frozenset(value)


def _reject_unknown(data: Mapping[str, Any], key: str, allowed) -> None:
    unknown = sorted(str(k) for k in data if k not in allowed)
    if unknown:
        where = f"{key}.{unknown[0]}" if key else unknown[0]
        raise RulesError(where, f"unknown setting (expected one of: {', '.join(allowed)})")
