"""The ranking tracker: entries imported from CSV (all or nothing, errors naming the row and
column), the home city's rank against its targets, and chart data with peers beside it."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..models import AreaKind, ComparisonCity, ExternalRanking, RankingEntry
from . import store

COLUMNS = ("year", "city", "rank", "score")
MAX_ERRORS = 20


class RankingImportError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _where(row: int, column: str | None = None) -> str:
    if column is None:
        return _("row %(row)s") % {"row": row}
    return _("row %(row)s, column %(column)s") % {"row": row, "column": column}


def _read_rows(data: bytes) -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RankingImportError([_("The file is not UTF-8 text.")]) from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise RankingImportError([_("The file is empty.")])
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    columns = {name: header.index(name) for name in COLUMNS if name in header}
    missing = [c for c in ("year", "city") if c not in columns]
    if missing or ("rank" not in columns and "score" not in columns):
        needed = ", ".join(missing or ["rank/score"])
        message = _("row 1: the header needs the columns year, city and rank or score")
        raise RankingImportError([f"{message} ({needed})"])
    return columns, [(n, row) for n, row in enumerate(reader, start=2) if any(row)]


def _city_index() -> dict[str, ComparisonCity | None]:
    """Codes and names -> city; a name shared by several cities maps to None (ambiguous)."""
    index: dict[str, ComparisonCity | None] = {}
    for city in ComparisonCity.objects.filter(kind=AreaKind.CITY).select_related("city"):
        for code in (city.eurostat_code_2017, city.eurostat_code_2021):
            if code:
                index[code.upper()] = city
        for name in {city.name, city.display_name, *city.name.split("/")}:
            key = store.fold(name)
            index[key] = None if key in index and index[key] != city else city
    return index


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    position = columns.get(name)
    return row[position].strip() if position is not None and position < len(row) else ""


def _parse_row(number, row, columns, cities) -> tuple[tuple | None, list[str]]:
    problems = []
    year_text = _cell(row, columns, "year")
    year = int(year_text) if year_text.isdigit() and 1900 <= int(year_text) <= 2100 else None
    if year is None:
        problems.append(
            f"{_where(number, 'year')}: " + _("“%(v)s” is not a year") % {"v": year_text}
        )
    city_text = _cell(row, columns, "city")
    city = cities.get(city_text.upper()) or cities.get(store.fold(city_text))
    if city is None:
        problems.append(
            f"{_where(number, 'city')}: "
            + _("“%(v)s” is not a known city (or fits several; use the Eurostat code)")
            % {"v": city_text}
        )
    rank_text, score_text = _cell(row, columns, "rank"), _cell(row, columns, "score")
    rank = int(rank_text) if rank_text.isdigit() and int(rank_text) >= 1 else None
    if rank_text and rank is None:
        problems.append(
            f"{_where(number, 'rank')}: " + _("“%(v)s” is not a rank (1, 2, 3…)") % {"v": rank_text}
        )
    score = _number(score_text)
    if score_text and score is None:
        problems.append(
            f"{_where(number, 'score')}: " + _("“%(v)s” is not a number") % {"v": score_text}
        )
    if not rank_text and not score_text:
        problems.append(f"{_where(number)}: " + _("give a rank or a score"))
    return (None if problems else (year, city, rank, score)), problems


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", ".")) if text else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


def parse_entries(data: bytes) -> list[tuple]:
    """Rows ``(year, city, rank, score)``; raises with every problem (up to a limit)."""
    columns, rows = _read_rows(data)
    cities = _city_index()
    entries, problems, first = [], [], {}
    for number, row in rows:
        entry, row_problems = _parse_row(number, row, columns, cities)
        problems += row_problems
        if entry is None:
            continue
        key = (entry[0], entry[1].pk)
        if key in first:
            problems.append(
                f"{_where(number)}: "
                + _("%(city)s %(year)s is already on row %(other)s")
                % {"city": entry[1].display_name, "year": entry[0], "other": first[key]}
            )
        first.setdefault(key, number)
        entries.append(entry)
    if not entries and not problems:
        problems.append(_("The file has no rows after the header."))
    if problems:
        extra = len(problems) - MAX_ERRORS
        tail = [_("… and %(n)s more") % {"n": extra}] if extra > 0 else []
        raise RankingImportError(problems[:MAX_ERRORS] + tail)
    return entries


@transaction.atomic
def import_entries(ranking: ExternalRanking, data: bytes, user=None) -> tuple[int, int]:
    """Create or update the entries of a CSV file, all or nothing; returns (new, changed)."""
    entries = parse_entries(data)
    existing = {(e.year, e.city_id): e for e in ranking.entries.all()}
    new, changed = [], []
    for year, city, rank, score in entries:
        entry = existing.get((year, city.pk))
        if entry is None:
            new.append(RankingEntry(ranking=ranking, year=year, city=city, rank=rank, score=score))
        elif (entry.rank, entry.score) != (rank, score):
            entry.rank, entry.score = rank, score
            changed.append(entry)
    who = user if user is not None and user.is_authenticated else None
    if new:
        bulk_create_with_history(new, RankingEntry, default_user=who)
    if changed:
        bulk_update_with_history(changed, RankingEntry, ["rank", "score"], default_user=who)
    return len(new), len(changed)


@dataclass
class Standing:
    """The home city in one ranking: latest rank, its target and the change."""

    ranking: ExternalRanking
    year: int | None
    rank: int | None
    score: float | None
    previous_rank: int | None
    target: int | None  # for the latest year with an entry, else the next target
    target_year: int | None

    @property
    def met(self) -> bool | None:
        if self.rank is None or self.target is None or self.target_year != self.year:
            return None
        return self.rank <= self.target

    @property
    def change(self) -> int | None:
        """Places gained since the previous edition (positive = better)."""
        if self.rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.rank

    @property
    def places(self) -> int:
        return abs(self.change or 0)


def rankings_with_home(queryset, home: ComparisonCity | None):
    """Rankings with the home city's entries and the targets prefetched (no per-row query)."""
    entries = RankingEntry.objects.filter(city=home) if home else RankingEntry.objects.none()
    return queryset.prefetch_related(
        Prefetch("entries", queryset=entries.order_by("year"), to_attr="home_entries"),
        Prefetch("targets"),
    )


def standing(ranking: ExternalRanking) -> Standing:
    """From a ranking loaded with :func:`rankings_with_home`."""
    entries = [e for e in ranking.home_entries if e.rank is not None or e.score is not None]
    targets = {t.year: t.target_rank for t in ranking.targets.all()}
    latest = entries[-1] if entries else None
    previous = entries[-2] if len(entries) > 1 else None
    target_year = latest.year if latest and latest.year in targets else None
    if target_year is None and targets:
        upcoming = [y for y in targets if latest is None or y > latest.year]
        target_year = min(upcoming) if upcoming else max(targets)
    return Standing(
        ranking,
        latest.year if latest else None,
        latest.rank if latest else None,
        latest.score if latest else None,
        previous.rank if previous else None,
        targets.get(target_year),
        target_year,
    )


def chart_data(ranking: ExternalRanking, home: ComparisonCity | None, peers) -> dict:
    """Ranks by year: the home city, its targets and the peers (None where not ranked)."""
    cities = [c for c in [home, *peers] if c is not None]
    entries = ranking.entries.filter(city__in=cities)
    targets = {t.year: t.target_rank for t in ranking.targets.all()}
    ranks: dict[int, dict[int, int | None]] = {}
    for city_id, year, rank in entries.values_list("city_id", "year", "rank"):
        ranks.setdefault(city_id, {})[year] = rank
    years = sorted({y for row in ranks.values() for y in row} | set(targets))
    series = [
        {
            "name": c.display_name,
            "home": c == home,
            "ranks": [ranks.get(c.pk, {}).get(y) for y in years],
        }
        for c in cities
        if c.pk in ranks
    ]
    return {"years": years, "series": series, "target": [targets.get(y) for y in years]}


def table_rows(chart: dict) -> list[dict]:
    """The chart's numbers as table rows: per year, each series' rank and the target."""
    return [
        {
            "year": year,
            "ranks": [s["ranks"][i] for s in chart["series"]],
            "target": chart["target"][i],
        }
        for i, year in enumerate(chart["years"])
    ]
