"""Bad input gives an EngineError (a ValueError) whose message names the offending item."""

from __future__ import annotations

import pytest

from citydiplomacy.benchmarking.engine import EngineError, load_coin
from citydiplomacy.benchmarking.engine.pipeline import run_pipeline
from citydiplomacy.benchmarking.engine.spec import parse_spec
from citydiplomacy.benchmarking.engine.weights import resolve_weights

from .small import DATA_HEADER, DATA_ROWS, META_ROWS, small_coin, small_framework


def with_row(rows, index, row):
    return [*rows[:index], row, *rows[index + 1 :]]


def test_engine_error_is_a_value_error():
    assert issubclass(EngineError, ValueError)


def test_duplicate_unit_codes():
    rows = [*DATA_ROWS, ["UA", "Again", "x", "1", "1", "1", "1", "1"]]
    with pytest.raises(EngineError, match="duplicate unit code 'UA'"):
        small_coin(data_rows=rows)


def test_unknown_indicator_code_in_data():
    header = [*DATA_HEADER, "zz"]
    rows = [[*row, "1"] for row in DATA_ROWS]
    with pytest.raises(EngineError, match="unknown indicator code 'zz'"):
        small_coin(data_rows=rows, header=header)


def test_unknown_indicator_code_in_weights():
    with pytest.raises(EngineError, match="unknown indicator code 'nope'"):
        resolve_weights(small_framework(), overrides={"nope": 1})


def test_hierarchy_cycle():
    rows = with_row(META_ROWS, 4, ["2", "P1", "P1b", "1", "1", "Aggregate", "", ""])
    rows = [*rows, ["2", "P1b", "P1", "1", "1", "Aggregate", "", ""]]
    with pytest.raises(EngineError, match="cycle in hierarchy: P1 -> P1b -> P1"):
        small_framework(rows)


def test_hierarchy_orphan():
    rows = with_row(META_ROWS, 2, ["1", "b1", "Ghost", "1", "1", "Indicator", "5", ""])
    with pytest.raises(EngineError, match="orphan in hierarchy: parent 'Ghost' of 'b1'"):
        small_framework(rows)


def test_hierarchy_element_without_parent():
    rows = with_row(META_ROWS, 2, ["1", "b1", "", "1", "1", "Indicator", "5", ""])
    with pytest.raises(EngineError, match="orphan in hierarchy: 'b1'"):
        small_framework(rows)


def test_negative_weight():
    rows = with_row(META_ROWS, 0, ["1", "a1", "P1", "1", "-1", "Indicator", "10", "Pop"])
    with pytest.raises(EngineError, match="weight of 'a1' is negative"):
        small_framework(rows)
    with pytest.raises(EngineError, match="weight of 'b2' is negative"):
        resolve_weights(small_framework(), overrides={"b2": -0.5})


def test_all_zero_weights_in_a_group():
    with pytest.raises(EngineError, match="weights of the children of 'P2' are all zero"):
        resolve_weights(small_framework(), overrides={"b1": 0, "b2": 0})
    spec = parse_spec({"steps": [{"op": "aggregate", "weights": {"P1": 0, "P2": 0}}]})
    with pytest.raises(EngineError, match="children of 'Top' are all zero"):
        run_pipeline(small_coin(), spec)


def test_geometric_mean_over_non_positive_values():
    spec = parse_spec({"steps": [{"op": "normalise"}, {"op": "aggregate", "method": "geometric"}]})
    with pytest.raises(EngineError, match="geometric mean over non-positive values: aggregate"):
        run_pipeline(small_coin(), spec)


def test_unknown_op_and_parameter():
    with pytest.raises(EngineError, match="unknown op 'smooth' in step 1"):
        parse_spec({"steps": [{"op": "smooth"}]})
    with pytest.raises(EngineError, match="unknown parameter 'winmix' for op 'treat'"):
        parse_spec({"steps": [{"op": "treat", "winmix": 3}]})
    with pytest.raises(EngineError, match="unknown parameter 'range' for normalise method"):
        parse_spec({"steps": [{"op": "normalise", "method": "zscore", "range": [0, 1]}]})


def test_malformed_csv(tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("Level,iCode,Parent,Direction,Weight,Type\n1,a,b,1,1,Indicator,extra\n")
    with pytest.raises(EngineError, match=r"malformed CSV .*meta.csv, line 2: 7 fields"):
        load_coin(tmp_path / "data.csv", meta)


def test_non_numeric_value_in_data(tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text(
        "Level,iCode,Parent,Direction,Weight,Type\n1,a,T,1,1,Indicator\n2,T,,1,1,Aggregate\n"
    )
    data = tmp_path / "data.csv"
    data.write_text("uCode,a\nX,1\nY,abc\n")
    with pytest.raises(EngineError, match=r"unit 'Y', column 'a'.*'abc' is not a number"):
        load_coin(data, meta)


def test_missing_file(tmp_path):
    with pytest.raises(EngineError, match="CSV file not found"):
        load_coin(tmp_path / "nope.csv", tmp_path / "nope2.csv")


def test_unknown_group_column_and_target_missing():
    coin = small_coin()
    with pytest.raises(EngineError, match="unknown group column 'Region'"):
        run_pipeline(coin, parse_spec({"steps": [{"op": "impute", "group": "Region"}]}))
    rows = with_row(META_ROWS, 3, ["1", "b2", "P2", "1", "1", "Indicator", "", ""])
    coin = small_coin(meta_rows=rows)
    with pytest.raises(EngineError, match="indicator 'b2' has no Target"):
        run_pipeline(coin, parse_spec({"steps": [{"op": "normalise", "method": "dist2target"}]}))
