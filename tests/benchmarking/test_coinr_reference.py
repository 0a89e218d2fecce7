"""Every numeric result file of COINr's reference pipeline, reproduced to 1e-12 (relative).

The reference files (tests/data/coinr/example_coin) are COINr 1.1.14's own output of
``build_example_coin()``; see tests/data/coinr/README.md.
"""

from __future__ import annotations

import csv
import math
from functools import cache
from pathlib import Path

import pytest

from citydiplomacy.benchmarking.engine import analysis, results
from citydiplomacy.benchmarking.engine.csvio import format_cell
from citydiplomacy.benchmarking.engine.data import load_coin
from citydiplomacy.benchmarking.engine.pipeline import run_pipeline
from citydiplomacy.benchmarking.engine.spec import REFERENCE_SPEC, parse_spec

DATA = Path(__file__).resolve().parents[1] / "data" / "coinr"
REFERENCE = DATA / "example_coin"
RELATIVE_TOLERANCE = 1e-12


@cache
def reference_run():
    coin = load_coin(
        DATA / "input" / "ASEM_iData.csv",
        DATA / "input" / "ASEM_iMeta.csv",
        level_names=REFERENCE_SPEC["level_names"],
    )
    return run_pipeline(coin, parse_spec(REFERENCE_SPEC))


def read_reference(name: str) -> tuple[list[str], list[list[str]]]:
    with (REFERENCE / name).open(newline="", encoding="utf-8") as handle:
        records = list(csv.reader(handle))
    return records[0], records[1:]


def as_number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def max_relative_difference(name: str, header: list[str], rows: list[list[object]]) -> float:
    """Compare our table with the reference file; return the largest relative difference.

    Missing values must sit in exactly the same cells; text cells must be equal.
    """
    ref_header, ref_rows = read_reference(name)
    assert header == ref_header, f"{name}: header differs"
    assert len(rows) == len(ref_rows), f"{name}: {len(rows)} rows, expected {len(ref_rows)}"
    worst = 0.0
    for line, (ours, theirs) in enumerate(zip(rows, ref_rows, strict=True), start=2):
        texts = [format_cell(v) for v in ours]
        for column, mine, ref in zip(header, texts, theirs, strict=True):
            where = f"{name} line {line} column {column}"
            if ref == "" or mine == "":
                assert mine == ref, f"{where}: missing-value mismatch ({mine!r} vs {ref!r})"
                continue
            a, b = as_number(mine), as_number(ref)
            if a is None or b is None:
                assert mine == ref, f"{where}: {mine!r} != {ref!r}"
                continue
            if a == b or (math.isnan(a) and math.isnan(b)):
                continue
            difference = abs(a - b) / abs(b) if b != 0 else math.inf
            assert difference <= RELATIVE_TOLERANCE, f"{where}: {mine} vs {ref}"
            worst = max(worst, difference)
    return worst


def table_rows(table) -> tuple[list[str], list[list[object]]]:
    rows = [[u, *values] for u, values in zip(table.units, table.values.tolist(), strict=True)]
    return ["uCode", *table.columns], rows


STAGES = [
    ("01_Raw.csv", "raw"),
    ("02_Denominated.csv", "denominated"),
    ("03_Imputed.csv", "imputed"),
    ("04_Screened.csv", "screened"),
    ("05_Treated.csv", "treated"),
    ("06_Normalised.csv", "normalised"),
    ("07_Aggregated.csv", "aggregated"),
]


@pytest.mark.parametrize(("name", "stage"), STAGES)
def test_stage_matches_coinr(name, stage):
    header, rows = table_rows(reference_run().stage(stage))
    assert max_relative_difference(name, header, rows) <= RELATIVE_TOLERANCE


def test_ranks_match_coinr():
    header, rows = table_rows(reference_run().ranks())
    assert max_relative_difference("08_Aggregated_ranks.csv", header, rows) == 0


def test_screen_details_match_coinr():
    header, rows = results.screen_details_table(reference_run().final.screen)
    assert max_relative_difference("04_Screened_details.csv", header, rows) == 0


def test_treat_details_match_coinr():
    run = reference_run()
    header, rows = results.treat_details_table(run.final.treat, run.stage("screened").columns)
    assert max_relative_difference("05_Treated_details.csv", header, rows) <= RELATIVE_TOLERANCE


def test_treated_points_match_coinr():
    run = reference_run()
    header, rows = results.treat_points_table(run.final.treat, run.stage("screened").columns)
    assert max_relative_difference("05_Treated_points.csv", header, rows) == 0


def test_full_results_table_matches_coinr():
    run = reference_run()
    header, rows = results.full_results(run.table, run.coin.framework, nround=15)
    name = "09_results_full_table_nround15.csv"
    assert max_relative_difference(name, header, rows) <= RELATIVE_TOLERANCE


def test_summary_results_match_coinr():
    run = reference_run()
    header, rows = results.summary_results(run.table, run.coin.framework, nround=2)
    assert max_relative_difference("09_results_summary_nround2.csv", header, rows) == 0


def test_group_ranks_match_coinr():
    # The reference file ranks unrounded scores: rounding to 2 dp would tie JPN and RUS on
    # ConEcFin (both 6.62), which the file does not, so compare at nround = 15.
    run = reference_run()
    header, rows = results.group_rank_results(run.table, run.coin, "EurAsia_group", nround=15)
    name = "09_results_aggs_groupranks_EurAsia.csv"
    assert max_relative_difference(name, header, rows) == 0


def test_effective_weights_match_coinr():
    run = reference_run()
    header, rows = results.effective_weights_table(run.coin.framework, run.final.weights)
    assert max_relative_difference("meta_effective_weights.csv", header, rows) == 0


def test_original_weights_match_coinr():
    run = reference_run()
    header, rows = results.weights_table(run.coin.framework, run.coin.framework.weights())
    assert max_relative_difference("meta_weights_original.csv", header, rows) == 0


def test_lineage_matches_coinr():
    header, rows = results.lineage_table(reference_run().coin.framework)
    assert max_relative_difference("meta_lineage.csv", header, rows) == 0


def test_unit_metadata_matches_coinr():
    header, rows = results.units_table(reference_run().coin)
    assert max_relative_difference("meta_units.csv", header, rows) == 0


@pytest.mark.parametrize(
    ("name", "stage"),
    [
        ("stats_Raw.csv", "raw"),
        ("stats_Denominated.csv", "denominated"),
        ("stats_Treated.csv", "treated"),
    ],
)
def test_statistics_match_coinr(name, stage):
    header, rows = analysis.statistics(reference_run().stage(stage))
    assert max_relative_difference(name, header, rows) <= RELATIVE_TOLERANCE


def test_data_availability_summary_matches_coinr():
    header, rows = analysis.availability_summary(reference_run().stage("raw"))
    assert max_relative_difference("data_avail_Raw_summary.csv", header, rows) == 0


def test_data_availability_by_group_matches_coinr():
    run = reference_run()
    header, rows = analysis.availability_by_group(run.stage("raw"), run.coin.framework)
    name = "data_avail_Raw_bygroup.csv"
    assert max_relative_difference(name, header, rows) <= RELATIVE_TOLERANCE


def test_top_of_the_ranking_is_as_published():
    aggregated = reference_run().table
    index = dict(zip(aggregated.units, aggregated.column("Index"), strict=True))
    assert index["CHE"] == pytest.approx(68.383724238341713, rel=1e-14)
    top = sorted(index, key=index.get, reverse=True)[:6]
    assert top == ["CHE", "NLD", "DNK", "NOR", "BEL", "SWE"]
