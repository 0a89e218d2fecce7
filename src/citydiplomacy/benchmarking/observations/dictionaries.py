"""Eurostat code dictionaries (``cities.dic``, ``indic_ur.dic``) and city code systems.

Eurostat's Urban Audit changed its city codes between the 2017 and the 2020/21
editions: ``FI001C2`` (city, boundary version 2) became ``FI001C``, and many cities
were renumbered (Amsterdam ``NL002C1`` is ``NL001C`` now; ``NL002C`` is Alkmaar), so
stripping the last digit is wrong. ``cities.dic`` labels both systems, so a city is
matched by country and name (the number only breaks ties between equal names).
Greater cities (``K``) have no 2021 equivalent and are never mapped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from ._text import Source, decoding_errors, open_text, strip_bom
from .model import ObservationFormatError

OLD_CITY_CODE = re.compile(r"[A-Z]{2}\d{3}C\d")  # Urban Audit 2017 and earlier
NEW_CITY_CODE = re.compile(r"[A-Z]{2}\d{3}C")  # Urban Audit 2020/2021


def read_dictionary(source: Source) -> dict[str, str]:
    """Read a Eurostat ``.dic`` file (``CODE<TAB>label`` per line) into an ordered dict."""
    labels: dict[str, str] = {}
    with open_text(source) as stream, decoding_errors():
        for number, line in enumerate(stream, start=1):
            text = strip_bom(line).rstrip("\r\n")
            if not text.strip():
                continue
            code, tab, label = text.partition("\t")
            code = code.strip()
            if not tab or not code:
                raise ObservationFormatError("expected 'CODE<TAB>label'", line=number)
            if code in labels:
                raise ObservationFormatError(f"code {code} appears twice", line=number)
            labels[code] = label.strip()
    return labels


def city_code_system(code: str) -> str | None:
    """``"2017"`` for old-style city codes, ``"2021"`` for new ones, else ``None``."""
    if OLD_CITY_CODE.fullmatch(code):
        return "2017"
    if NEW_CITY_CODE.fullmatch(code):
        return "2021"
    return None


@dataclass(frozen=True)
class CityCodeMapping:
    """Which 2021 city code each 2017-era city code corresponds to, by country and name.

    Several old codes may map to one new code (boundary versions ``C1``/``C2`` of the
    same city). ``ambiguous`` lists old codes whose name fits several new codes;
    ``unmatched_old`` those with no new city of that name (e.g. "Greater Amsterdam").
    """

    old_to_new: dict[str, str]
    ambiguous: dict[str, tuple[str, ...]]
    unmatched_old: tuple[str, ...]
    unmatched_new: tuple[str, ...]

    def to_new(self, code: str) -> str | None:
        """The 2021 code for ``code``; a 2021 code is returned unchanged."""
        if city_code_system(code) == "2021":
            return code
        return self.old_to_new.get(code)

    def to_old(self, code: str) -> tuple[str, ...]:
        """All 2017-era codes that map to the 2021 code ``code``, sorted."""
        return tuple(sorted(old for old, new in self.old_to_new.items() if new == code))


def build_city_code_mapping(labels: Mapping[str, str]) -> CityCodeMapping:
    """Match old and new city codes of a ``cities.dic`` by country and normalised name."""
    old: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    new: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for code, label in labels.items():
        system = city_code_system(code)
        if system is not None:
            (old if system == "2017" else new)[(code[:2], _normalise(label))].append(code)
    old_to_new: dict[str, str] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    for key, codes in old.items():
        candidates = new.get(key, [])
        for code in codes:
            # Two new cities with one name (e.g. Marseille FR004C and FR203C): the one
            # keeping the old number is the match; otherwise leave the choice to a person.
            same_number = [new_code for new_code in candidates if new_code == code[:-1]]
            if len(candidates) == 1 or len(same_number) == 1:
                old_to_new[code] = candidates[0] if len(candidates) == 1 else same_number[0]
            elif candidates:
                ambiguous[code] = tuple(sorted(candidates))
    mapped_new = set(old_to_new.values())
    return CityCodeMapping(
        old_to_new=old_to_new,
        ambiguous=ambiguous,
        unmatched_old=tuple(
            sorted(
                c
                for codes in old.values()
                for c in codes
                if c not in old_to_new and c not in ambiguous
            )
        ),
        unmatched_new=tuple(
            sorted(c for codes in new.values() for c in codes if c not in mapped_new)
        ),
    )


def _normalise(label: str) -> str:
    """Compare names without case, accents or spacing around ``/``."""
    decomposed = unicodedata.normalize("NFKD", label)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"\s*/\s*", "/", plain.casefold())
    return re.sub(r"\s+", " ", plain).strip()
