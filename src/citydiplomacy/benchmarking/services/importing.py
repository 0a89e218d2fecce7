"""Importing statistics files into the indicator store: a dry run, then all or nothing.

``preview_import`` parses a file and works out what it would do: values to create and to
change per indicator, new cities and indicators, and errors that name the line, column and
code (an unknown code, a broken header…). ``apply_import`` then writes everything in one
transaction, or nothing. Observations go in with bulk statements in large batches and without
per-row history: they are bulk data, and the import batch records who brought which file in.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import ComparisonCity, ImportBatch, StatIndicator
from ..observations import PARSERS, ObservationFormatError, ParsedFile, detect_format
from . import bulk
from .codes import CityResolver, Dictionaries, IndicatorResolver, NewCity, load_dictionaries

FORMATS = ("auto", *PARSERS)
EUROSTAT_FORMATS = {"eurostat-tsv", "sdmx-csv", "eurostat-databrowser-csv"}
EUROSTAT = {"source": "Eurostat", "licence": "CC BY 4.0", "attribution": "Source: Eurostat"}
MAX_ERRORS = 20  # a file full of unknown codes is reported by its first errors


@dataclass(frozen=True)
class ImportProblem:
    """What is wrong and where: the file line, the column and the code when known."""

    message: str
    line: int | None = None
    column: str | None = None
    code: str | None = None

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(_("line %(line)s") % {"line": self.line})
        if self.column:
            where.append(_("column %(column)s") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportFailed(Exception):
    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass
class IndicatorCounts:
    code: str
    name: str
    is_new: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    empty: int = 0  # ":" cells with no flag and no stored value: nothing to store


@dataclass
class ImportPreview:
    """What an import would do; ``errors`` empty means it can be applied."""

    file_name: str
    format: str
    sha256: str
    dataset: str = ""
    source: str = ""
    licence: str = ""
    attribution: str = ""
    cell_count: int = 0
    years: tuple[int, ...] = ()
    indicators: list[IndicatorCounts] = field(default_factory=list)
    new_cities: list[NewCity] = field(default_factory=list)
    recoded_cities: list[tuple[str, str]] = field(default_factory=list)
    errors: list[ImportProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _plan: _Plan | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def created(self) -> int:
        return sum(c.created for c in self.indicators)

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.indicators)

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.indicators)

    @property
    def empty(self) -> int:
        return sum(c.empty for c in self.indicators)

    @property
    def notice(self) -> str:
        if not self.attribution:
            return self.source
        return f"{self.attribution} ({self.dataset})" if self.dataset else self.attribution


@dataclass
class _Plan:
    cities: CityResolver
    indicators: IndicatorResolver
    inserts: list[tuple] = field(default_factory=list)  # (city, indicator, year, value, flags)
    updates: list[tuple] = field(default_factory=list)  # (observation id, value, flags)


def preview_import(
    data: bytes,
    file_name: str,
    fmt: str = "auto",
    *,
    source: str | None = None,
    licence: str | None = None,
    attribution: str | None = None,
    dictionaries: Dictionaries | None = None,
) -> ImportPreview:
    """Parse ``data`` and work out the import without writing anything."""
    dictionaries = dictionaries or load_dictionaries()
    preview = ImportPreview(file_name, fmt, hashlib.sha256(data).hexdigest())
    try:
        preview.format = _choose_format(data, fmt)
        parsed = _parse(data, preview.format, dictionaries)
    except ObservationFormatError as error:
        preview.errors = [ImportProblem(error.problem, error.line, error.column)]
        return preview
    _describe(preview, parsed, source, licence, attribution)
    plan = _Plan(CityResolver(dictionaries), IndicatorResolver(dictionaries))
    city_ids, indicator_ids = _resolve_codes(preview, parsed, plan, data)
    if preview.errors:
        return preview
    _diff(preview, parsed, plan, city_ids, indicator_ids)
    preview._plan = plan
    return preview


def _choose_format(data: bytes, fmt: str) -> str:
    if fmt != "auto":
        if fmt not in PARSERS:
            raise ObservationFormatError(
                _("unknown format “%(format)s” (known: %(known)s)")
                % {"format": fmt, "known": ", ".join(FORMATS)}
            )
        return fmt
    detected = detect_format(data[:8192].decode("utf-8", errors="replace"))
    if detected is None:
        raise ObservationFormatError(
            _("the format cannot be recognised from the first lines; choose it from the list"),
            line=1,
        )
    return detected


def _parse(data: bytes, fmt: str, dictionaries: Dictionaries) -> ParsedFile:
    options = {}
    if fmt == "eurostat-databrowser-csv":
        options["indicator_labels"] = dictionaries.indicators
    return PARSERS[fmt](io.BytesIO(data), **options)


def _describe(preview, parsed: ParsedFile, source, licence, attribution) -> None:
    defaults = EUROSTAT if preview.format in EUROSTAT_FORMATS else {}
    preview.source = source if source is not None else defaults.get("source", "")
    preview.licence = licence if licence is not None else defaults.get("licence", "")
    preview.attribution = (
        attribution if attribution is not None else defaults.get("attribution", "")
    )
    preview.dataset = dataset_code(parsed.dataset, preview.file_name)
    preview.cell_count = parsed.count
    preview.years = parsed.years
    preview.warnings = [*parsed.notes]


def dataset_code(dataset: str | None, file_name: str) -> str:
    """``urb_ctour`` from ``ESTAT:URB_CTOUR(1.0)``, ``urb_cpop1`` or a file name."""
    if dataset:
        match = re.search(r"(?:ESTAT:)?([A-Za-z][A-Za-z0-9_]*)", dataset)
        return match.group(1).lower() if match else dataset
    stem = re.sub(r"^estat_", "", file_name.rsplit("/", 1)[-1].lower())
    match = re.match(r"([a-z]+_[a-z0-9]+)", stem)
    return match.group(1) if match else ""


def _resolve_codes(preview, parsed: ParsedFile, plan: _Plan, data: bytes):
    names = None
    if preview.format == "eurostat-databrowser-csv":
        names, warnings = plan.cities.codes_for_names(parsed.cities)
        preview.warnings += warnings
    city_ids, indicator_ids, errors = {}, {}, []
    for code in parsed.cities:
        real = names.get(code) if names is not None else code
        if real is None:
            continue
        city_ids[code] = plan.cities.resolve(real)
        if city_ids[code] is None:
            errors.append(_unknown(data, code, parsed.city_dimension, "city"))
    for code in parsed.indicators:
        indicator_ids[code] = plan.indicators.resolve(code)
        if indicator_ids[code] is None:
            errors.append(_unknown(data, code, ",".join(parsed.indicator_dimensions), "indicator"))
    if len(errors) > MAX_ERRORS:
        more = len(errors) - MAX_ERRORS
        errors = [*errors[:MAX_ERRORS], ImportProblem(_("… and %(n)s more") % {"n": more})]
    preview.errors = errors
    _describe_new(preview, plan)
    return city_ids, indicator_ids


def _unknown(data: bytes, code: str, column: str, what: str) -> ImportProblem:
    if what == "city":
        message = _("unknown city code “%(code)s”: not in Eurostat's city dictionary") % {
            "code": code
        }
    else:
        message = _(
            "unknown indicator code “%(code)s”: not in the indicator store "
            "nor in Eurostat's indicator dictionary"
        ) % {"code": code}
    return ImportProblem(message, _first_line(data, code), column, code)


def _first_line(data: bytes, code: str) -> int | None:
    """The first line of the file where ``code`` appears as a whole field."""
    pattern = re.compile(rb"(^|[\s,;\"'\t])" + re.escape(code.encode()) + rb"($|[\s,;\"'\t])")
    for number, line in enumerate(data.splitlines(), start=1):
        if pattern.search(line):
            return number
    return None


def _describe_new(preview: ImportPreview, plan: _Plan) -> None:
    preview.new_cities = list(plan.cities.new.values())
    names = dict(
        ComparisonCity.objects.filter(pk__in=plan.cities.recoded).values_list("pk", "name")
    )
    preview.recoded_cities = [
        (names.get(pk, str(pk)), code)
        for pk, fields in plan.cities.recoded.items()
        for code in fields.values()
    ]


def _diff(preview, parsed: ParsedFile, plan: _Plan, city_ids: dict, indicator_ids: dict) -> None:
    """Compare the file with the stored values: what to create, change or leave."""
    existing = bulk.existing_observations([i for i in indicator_ids.values() if i > 0])
    names = {i.pk: i.name for i in StatIndicator.objects.filter(pk__in=indicator_ids.values())}
    counts = {
        code: IndicatorCounts(code, names[pk] if pk > 0 else plan.indicators.new[code].name, pk < 0)
        for code, pk in indicator_ids.items()
    }
    tallies = {code: [0, 0, 0, 0] for code in counts}  # created, updated, unchanged, empty
    inserts, updates = plan.inserts, plan.updates
    for obs in parsed.observations:
        city = city_ids.get(obs.city_code)
        if city is None:
            continue  # a name the dictionary could not place (a warning says so)
        indicator = indicator_ids[obs.indicator_code]
        tally = tallies[obs.indicator_code]
        stored = existing.get((city, indicator, obs.year))
        if stored is None:
            if obs.value is None and not obs.flags:
                tally[3] += 1
                continue
            inserts.append((city, indicator, obs.year, obs.value, obs.flags))
            tally[0] += 1
        elif stored[1] == obs.value and stored[2] == obs.flags:
            tally[2] += 1
        else:
            updates.append((stored[0], obs.value, obs.flags))
            tally[1] += 1
    for code, tally in tallies.items():
        count = counts[code]
        (count.created, count.updated, count.unchanged, count.empty) = tally
    preview.indicators = sorted(counts.values(), key=lambda c: c.code)


def apply_import(preview: ImportPreview, user=None) -> ImportBatch:
    """Write a previewed import in one transaction; refuses a preview with errors."""
    if preview.errors or preview._plan is None:
        raise ImportFailed(preview.errors or [ImportProblem(_("nothing to import"))])
    plan = preview._plan
    user = user if user is not None and user.is_authenticated else None
    try:
        return _write(preview, plan, user)
    except IntegrityError:  # someone imported the same values meanwhile: all was rolled back
        raise ImportFailed(
            [ImportProblem(_("the stored data changed during the import; check the file again"))]
        ) from None


def _write(preview: ImportPreview, plan: _Plan, user) -> ImportBatch:
    with transaction.atomic():
        source = {k: getattr(preview, k) for k in ("source", "dataset", "licence", "attribution")}
        indicator_ids = plan.indicators.create(source, user)
        city_ids = plan.cities.create(user)
        plan.cities.save_recodes()
        batch = ImportBatch.objects.create(
            file_name=preview.file_name[:255],
            format=preview.format,
            dataset=preview.dataset,
            source=preview.source,
            licence=preview.licence,
            attribution=preview.attribution,
            sha256=preview.sha256,
            imported_by=user,
            created_count=preview.created,
            updated_count=preview.updated,
            unchanged_count=preview.unchanged,
            summary=_summary(preview),
        )
        rows = (
            (city_ids.get(c, c), indicator_ids.get(i, i), year, value, flags, batch.pk)
            for c, i, year, value, flags in plan.inserts
        )
        bulk.insert_observations(rows)
        bulk.update_observations((value, flags, batch.pk, pk) for pk, value, flags in plan.updates)
    return batch


def _summary(preview: ImportPreview) -> dict:
    return {
        "indicators": {
            c.code: {"created": c.created, "updated": c.updated, "unchanged": c.unchanged}
            for c in preview.indicators
        },
        "new_cities": len(preview.new_cities),
        "new_indicators": sum(1 for c in preview.indicators if c.is_new),
        "empty_cells": preview.empty,
        "years": [min(preview.years), max(preview.years)] if preview.years else [],
        "warnings": preview.warnings[:50],
    }


def import_file(path, fmt: str = "auto", *, user=None, dry_run: bool = False, **options):
    """Preview, then (unless ``dry_run``) apply; returns ``(preview, batch or None)``.

    Raises :class:`ImportFailed` when the file has errors; nothing is written then.
    """
    path = Path(path)
    preview = preview_import(path.read_bytes(), path.name, fmt, **options)
    if preview.errors:
        raise ImportFailed(preview.errors)
    return preview, None if dry_run else apply_import(preview, user)
