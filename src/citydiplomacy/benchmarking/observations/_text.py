"""Low-level helpers shared by the parsers: opening sources, numbers, flags, years."""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from .model import EUROSTAT_FLAGS, ObservationFormatError

#: A file path, or an already open text or binary stream (e.g. a Django upload).
Source = str | os.PathLike[str] | IO[str] | IO[bytes]

# Plain decimal notation only: float() alone would also accept "nan", "inf", "1_000"
# and non-ASCII digits, none of which belong in a statistics file.
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_YEAR = re.compile(r"\d{4}")
_VALID_FLAGS: set[str] = {""}  # grows as new valid flag combinations are seen


@contextmanager
def open_text(source: Source, *, newline: str | None = None) -> Iterator[IO[str]]:
    """Yield ``source`` as a UTF-8 text stream (a byte-order mark is dropped)."""
    if isinstance(source, str | os.PathLike):
        with open(source, encoding="utf-8-sig", newline=newline) as stream:
            yield stream
    elif isinstance(source, io.TextIOBase) or _is_text(source):
        yield source  # type: ignore[misc]
    else:
        wrapper = io.TextIOWrapper(source, encoding="utf-8-sig", newline=newline)  # type: ignore[arg-type]
        try:
            yield wrapper
        finally:
            wrapper.detach()  # leave the caller's stream open


def _is_text(stream: object) -> bool:
    return "b" not in getattr(stream, "mode", "b")


@contextmanager
def decoding_errors() -> Iterator[None]:
    """Turn low-level reading problems into :class:`ObservationFormatError`."""
    try:
        yield
    except UnicodeDecodeError as exc:
        raise ObservationFormatError(f"the file is not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise ObservationFormatError(f"broken CSV: {exc}") from None


def strip_bom(text: str) -> str:
    """Drop a leading byte-order mark left by editors such as Excel."""
    return text[1:] if text.startswith("\ufeff") else text


def parse_number(text: str) -> float:
    """Parse a plain decimal number; raise ``ValueError`` with a user-facing reason."""
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"{text!r} is not a number")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is too large")
    return value


def check_flags(flags: str, cell: str | None = None) -> str:
    """Return ``flags`` if every letter is a Eurostat flag, else raise ``ValueError``.

    ``cell`` is the whole cell text, quoted in the message when given.
    """
    if flags in _VALID_FLAGS:
        return flags
    unknown = sorted(set(flags) - EUROSTAT_FLAGS)
    if unknown:
        letters = ", ".join(repr(letter) for letter in unknown)
        shown = flags if cell is None else cell
        raise ValueError(f"unknown flag {letters} in {shown!r} (Eurostat flags: bcdefnprsuz)")
    _VALID_FLAGS.add(flags)
    return flags


def parse_cell(text: str) -> tuple[float | None, str]:
    """Parse a Eurostat cell: ``value[ flags]`` where value ``:`` means not available.

    Examples: ``"123 "`` -> (123.0, ""), ``"45 e"`` -> (45.0, "e"), ``": c"`` -> (None, "c").
    """
    parts = text.split()
    if not parts or len(parts) > 2:
        raise ValueError(f"{text!r} is not a value (write ':' for a missing value)")
    flags = check_flags(parts[1], text.strip()) if len(parts) == 2 else ""
    raw = parts[0]
    if raw == ":":
        return None, flags
    # Fast path for the common case of a whole number; the regex handles the rest.
    if raw.isascii() and raw.isdigit() and len(raw) < 300:
        return float(raw), flags
    return parse_number(raw), flags


def parse_year(text: str) -> int:
    """Parse a four-digit year such as ``"2018 "``; raise ``ValueError`` otherwise."""
    stripped = text.strip()
    if not (stripped.isascii() and _YEAR.fullmatch(stripped)):
        raise ValueError(f"{text!r} is not a year (annual data only, e.g. 2018)")
    return int(stripped)


def is_blank(fields: list[str]) -> bool:
    """True for a CSV row with no content (spreadsheets often export these)."""
    return not "".join(fields).strip()


def check_unique_names(names: list[str], *, line: int) -> None:
    """Raise if a header repeats a column name."""
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ObservationFormatError(f"broken header: column {name!r} appears twice", line=line)
        seen.add(name)
