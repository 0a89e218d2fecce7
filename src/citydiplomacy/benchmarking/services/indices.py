"""Composite indices: validating a definition, running it through the engine and storing
results that can be reproduced and explained.

A result keeps the exact specification, the engine's metadata records, the input values and
the data vintage, so ``reproduce`` can run the engine again on exactly what was used. The
Monte Carlo uncertainty analysis runs in the request when small, else as a background task.
"""

from __future__ import annotations

import math
import time

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..engine import (
    EngineError,
    PipelineSpec,
    parse_factors,
    parse_spec,
    run_pipeline,
    sample_draws,
)
from ..engine import run_uncertainty as engine_uncertainty
from ..engine.data import Coin, build_coin
from ..models import (
    ComparisonCity,
    CompositeIndex,
    IndexResult,
    RunStatus,
    StatIndicator,
    UncertaintyRun,
)
from . import hierarchy, store

SYNC_LIMIT = 100_000  # city-runs computed within the request; larger analyses go to a task


class IndexDefinitionError(ValueError):
    """A definition cannot be used; ``problems`` maps a field name to its messages."""

    def __init__(self, problems: dict[str, list[str]]):
        self.problems = problems
        super().__init__("; ".join(m for ms in problems.values() for m in ms))


class IndexRunError(ValueError):
    """The engine refused to compute (e.g. a geometric mean over zeros); nothing is stored."""


def _nan_to_none(values) -> list:
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in values]


def check_spec(document) -> PipelineSpec:
    try:
        return parse_spec(document)
    except EngineError as error:
        raise IndexDefinitionError({"spec": [str(error)]}) from None


def check_definition(hierarchy_rows, spec_document) -> tuple[PipelineSpec, list[dict]]:
    """Validate the hierarchy and the specification; returns the spec and iMeta records."""
    problems: dict[str, list[str]] = {}
    spec = records = None
    try:
        spec = check_spec(spec_document)
    except IndexDefinitionError as error:
        problems |= error.problems
    codes = _codes_in(hierarchy_rows)
    indicators = {i.code: i for i in StatIndicator.objects.filter(code__in=codes)}
    try:
        rows = hierarchy.validate(hierarchy_rows, indicators)
        records = hierarchy.meta_records(rows)
        hierarchy.framework(records, list(spec.level_names or []) if spec else None)
    except hierarchy.HierarchyError as error:
        problems["hierarchy"] = error.problems
    if problems:
        raise IndexDefinitionError(problems)
    return spec, records


def _codes_in(rows) -> set[str]:
    if not isinstance(rows, list):
        return set()
    found = set()
    for row in rows:
        if isinstance(row, dict):
            found |= {row.get(k) for k in ("code", "denominator") if isinstance(row.get(k), str)}
    return found


def index_home(index: CompositeIndex) -> ComparisonCity | None:
    """The peer set's home city, else the store's."""
    return index.peer_set.home if index.peer_set_id else store.home_city()


def index_cities(index: CompositeIndex) -> list[ComparisonCity]:
    """The home city followed by the compared cities (each once)."""
    home = index_home(index)
    if index.peer_set_id:
        others = [m.city for m in index.peer_set.members.select_related("city__city")]
    else:
        others = list(index.cities.select_related("city"))
    cities = [home, *others] if home is not None else others
    return list({c.pk: c for c in cities}.values())


def build_inputs(index: CompositeIndex, records: list[dict]) -> dict:
    """The input values of the index's cities for its year, as stored with a result."""
    cities = index_cities(index)
    if not cities:
        raise IndexRunError(_("The index has no cities to compare."))
    columns = [r["iCode"] for r in records if r["Type"] in ("Indicator", "Denominator")]
    ids = dict(StatIndicator.objects.filter(code__in=columns).values_list("code", "pk"))
    values = store.values_for(ids.values(), index.year, [c.pk for c in cities])
    return {
        "units": [c.code for c in cities],
        "names": [c.display_name for c in cities],
        "city_ids": [c.pk for c in cities],
        "columns": columns,
        "values": [[values.get(c.pk, {}).get(ids[code]) for code in columns] for c in cities],
    }


def coin_from(inputs: dict, records: list[dict], level_names=None) -> Coin:
    """The engine's coin from stored inputs (numbers written exactly, as ``repr``)."""
    built = hierarchy.framework(records, level_names)
    header = ["uCode", "uName", *inputs["columns"]]
    rows = [
        [unit, name, *("" if v is None else repr(float(v)) for v in row)]
        for unit, name, row in zip(inputs["units"], inputs["names"], inputs["values"], strict=True)
    ]
    try:
        return build_coin(header, rows, built, source="the index data")
    except EngineError as error:
        raise IndexRunError(str(error)) from None


def compute(inputs: dict, records: list[dict], spec_document: dict) -> dict:
    """Run the engine; returns the stored form of the scores (NaN as null)."""
    spec = check_spec(spec_document)
    coin = coin_from(inputs, records, spec.level_names)
    try:
        result = run_pipeline(coin, spec)
    except EngineError as error:
        raise IndexRunError(str(error)) from None
    table, ranks = result.table, result.ranks()
    elements = coin.framework.elements
    return {
        "units": list(table.units),
        "columns": list(table.columns),
        "values": [_nan_to_none(row) for row in table.values.tolist()],
        "ranks": [_nan_to_none(row) for row in ranks.values.tolist()],
        "levels": {code: elements[code].level for code in table.columns if code in elements},
        "top": coin.framework.codes_at(coin.framework.max_level)[0],
        "level_names": list(coin.framework.level_names),
    }


def run_index(index: CompositeIndex, user=None) -> IndexResult:
    """Compute the index now and store the result with its spec, inputs and vintage."""
    spec, records = check_definition(index.hierarchy, index.spec)
    inputs = build_inputs(index, records)
    started = time.perf_counter()
    scores = compute(inputs, records, index.spec)
    duration = time.perf_counter() - started
    home = index_home(index)
    units, column = scores["units"], scores["columns"].index(scores["top"])
    row = units.index(home.code) if home is not None and home.code in units else None
    ids = dict(StatIndicator.objects.filter(code__in=inputs["columns"]).values_list("code", "pk"))
    return IndexResult.objects.create(
        index=index,
        created_by=user if user is not None and user.is_authenticated else None,
        year=index.year,
        spec=spec.to_json() | {k: v for k, v in index.spec.items() if k == "description"},
        meta=records,
        inputs=inputs,
        scores=scores,
        vintage=store.vintage(ids.values(), [index.year], inputs["city_ids"]),
        home_city=home if row is not None else None,
        home_rank=scores["ranks"][row][column] if row is not None else None,
        home_score=scores["values"][row][column] if row is not None else None,
        unit_count=sum(1 for r in scores["ranks"] if r[column] is not None),
        duration=duration,
    )


def reproduce(result: IndexResult) -> bool:
    """Does the engine give the stored scores again from the stored spec and inputs?"""
    again = compute(result.inputs, result.meta, result.spec)
    if again["units"] != result.scores["units"] or again["columns"] != result.scores["columns"]:
        return False
    stored = np.array(result.scores["values"], dtype=float)
    fresh = np.array(again["values"], dtype=float)
    return bool(np.array_equal(stored, fresh, equal_nan=True))


def start_uncertainty(result: IndexResult, factors, n: int, seed: int | None, user=None):
    """Validate the factors, store the run, and compute it now (small) or in a task."""
    spec = check_spec(result.spec)
    coin = coin_from(result.inputs, result.meta, spec.level_names)
    try:
        plan = parse_factors(factors, spec, coin.framework)
    except EngineError as error:
        raise IndexDefinitionError({"factors": [str(error)]}) from None
    if not 1 <= n <= 10_000:
        raise IndexDefinitionError({"n": [_("The sample size must be between 1 and 10,000.")]})
    runs = n * (len(plan.factors) + 2) if plan.analysis == "sensitivity" else n
    run = UncertaintyRun.objects.create(
        result=result,
        created_by=user if user is not None and user.is_authenticated else None,
        factors=factors,
        n=n,
        seed=seed,
        analysis=plan.analysis,
    )
    if len(coin.units) * runs <= SYNC_LIMIT:
        execute_uncertainty(run.pk)
    else:
        from ..tasks import run_uncertainty_task

        transaction.on_commit(lambda: run_uncertainty_task.enqueue(run.pk))
    run.refresh_from_db()
    return run


def execute_uncertainty(run_id: int) -> str:
    """Compute a stored uncertainty run (in the request or in a worker); returns its status."""
    run = UncertaintyRun.objects.select_related("result").get(pk=run_id)
    run.status = RunStatus.RUNNING
    run.save(update_fields=["status"])
    result = run.result
    try:
        spec = check_spec(result.spec)
        coin = coin_from(result.inputs, result.meta, spec.level_names)
        plan = parse_factors(run.factors, spec, coin.framework)
        draws = sample_draws(plan, run.n, run.seed)
        outcome = engine_uncertainty(coin, spec, plan, draws, boot_seed=run.seed)
    except (EngineError, IndexRunError, IndexDefinitionError) as error:
        run.status, run.error = RunStatus.FAILED, str(error)
    else:
        run.status = RunStatus.DONE
        run.run_count = len(draws)
        run.rank_stats = _rank_stats(outcome, result)
        run.sensitivity = _clean_sensitivity(outcome.sensitivity)
        run.failures = outcome.failures[:50]
    run.finished_at = timezone.now()
    run.save()
    return run.status


def _rank_stats(outcome, result: IndexResult) -> list[dict]:
    names = dict(zip(result.inputs["units"], result.inputs["names"], strict=True))
    _header, rows = outcome.rank_stats()
    stats = [
        dict(
            zip(
                ("unit", "nominal", "mean", "median", "q5", "q95"),
                [row[0], *_nan_to_none([float(v) for v in row[1:]])],
                strict=True,
            )
        )
        | {"name": names.get(row[0], row[0])}
        for row in rows
    ]
    return sorted(stats, key=lambda s: (s["nominal"] is None, s["nominal"] or 0, s["name"]))


def _clean_sensitivity(rows) -> list[dict] | None:
    if rows is None:
        return None
    return [
        {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
        for row in rows
    ]
