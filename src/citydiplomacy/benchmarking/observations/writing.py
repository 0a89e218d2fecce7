"""Writing observations back out, used for exports and for round-trip tests."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import IO

from .model import Observation


@contextmanager
def open_output(target: str | os.PathLike[str] | IO[str]) -> Iterator[IO[str]]:
    """Yield a UTF-8 text stream for a path, or the given stream itself."""
    if isinstance(target, str | os.PathLike):
        with open(target, "w", encoding="utf-8", newline="") as stream:
            yield stream
    else:
        yield target


def format_value(value: float) -> str:
    """Shortest text that parses back to exactly ``value`` (whole numbers without ``.0``)."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def format_cell(observation: Observation | None) -> str:
    """Eurostat cell text: ``"123 "``, ``"45 e"``, ``": "`` or ``": c"``."""
    if observation is None:
        return ": "
    value = ":" if observation.value is None else format_value(observation.value)
    return f"{value} {observation.flags}"


def grid_years(grid: Mapping[tuple[str, str, int], Observation], *, newest_first: bool) -> list:
    """The distinct years of a ``(indicator, city, year)`` grid, in the requested order."""
    return sorted({year for _, _, year in grid}, reverse=newest_first)
