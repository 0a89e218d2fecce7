"""Deciding which dimension of a Eurostat table is the city and which form the indicator.

Eurostat tables have a varying list of dimensions (``indic_ur,cities``;
``freq,indic_ur,cities``; ``indic_ur,unit,cities``...). The city is the geography
dimension; the indicator code is the ``indic_*`` dimension, plus any other dimension
whose value changes within the file (so two units of one indicator stay distinct).
Dimensions with a single value, such as ``freq=A``, are kept in the file summary only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import ObservationFormatError

GEO_DIMENSIONS = ("cities", "geo", "metroreg")
INDICATOR_SEPARATOR = "."


@dataclass(frozen=True)
class DimensionRoles:
    """Positions of the city dimension and of the dimensions joined into the indicator."""

    names: tuple[str, ...]
    city: int
    indicator: tuple[int, ...]
    fixed_indicator: str | None = None

    def indicator_code(self, key: Sequence[str]) -> str:
        """Build the indicator code of one row key."""
        if self.fixed_indicator is not None:
            return self.fixed_indicator
        if len(self.indicator) == 1:
            return key[self.indicator[0]]
        return INDICATOR_SEPARATOR.join([key[i] for i in self.indicator])

    @property
    def city_name(self) -> str:
        return self.names[self.city]

    @property
    def indicator_names(self) -> tuple[str, ...]:
        return tuple(self.names[i] for i in self.indicator)


def distinct_codes(names: Sequence[str], keys: Sequence[tuple[str, ...]]) -> dict[str, tuple]:
    """Map each dimension name to its codes, in order of first appearance."""
    found: list[dict[str, None]] = [{} for _ in names]
    for key in keys:
        for position, code in enumerate(key):
            found[position][code] = None
    return {name: tuple(codes) for name, codes in zip(names, found, strict=True)}


def resolve_roles(
    names: Sequence[str],
    codes: dict[str, tuple],
    *,
    city_dimension: str | None,
    indicator_dimensions: Sequence[str] | None,
    indicator_code: str | None,
    line: int,
) -> DimensionRoles:
    """Pick the city and indicator dimensions, by name when given, else by convention."""
    names = tuple(names)
    city = _city_position(names, city_dimension, line)
    others = [i for i in range(len(names)) if i != city]
    if indicator_dimensions is not None:
        chosen = tuple(_position(names, name, line) for name in indicator_dimensions)
    else:
        chosen = _default_indicator_positions(names, others, codes)
    if indicator_code is not None:
        return DimensionRoles(names, city, chosen, fixed_indicator=indicator_code)
    if not chosen:
        raise ObservationFormatError(
            "no indicator dimension in the header; name the indicator (indicator_code)", line=line
        )
    return DimensionRoles(names, city, chosen)


def _city_position(names: tuple[str, ...], wanted: str | None, line: int) -> int:
    if wanted is not None:
        return _position(names, wanted, line)
    lowered = [name.lower() for name in names]
    for geo in GEO_DIMENSIONS:
        if geo in lowered:
            return lowered.index(geo)
    return len(names) - 1  # Eurostat puts the geography last


def _position(names: tuple[str, ...], wanted: str, line: int) -> int:
    lowered = [name.lower() for name in names]
    if wanted.lower() not in lowered:
        raise ObservationFormatError(
            f"broken header: no dimension {wanted!r} (found {', '.join(names)})", line=line
        )
    return lowered.index(wanted.lower())


def _default_indicator_positions(
    names: tuple[str, ...], others: list[int], codes: dict[str, tuple]
) -> tuple[int, ...]:
    chosen = tuple(
        i for i in others if names[i].lower().startswith("indic") or len(codes[names[i]]) > 1
    )
    if chosen:
        return chosen
    # No indic_* dimension and nothing varies: use whatever is left except the frequency.
    return tuple(i for i in others if names[i].lower() != "freq")
