"""A small hand-made framework and data set for the engine's unit tests."""

from __future__ import annotations

from citydiplomacy.benchmarking.engine.data import build_coin, build_framework

META_HEADER = ["Level", "iCode", "Parent", "Direction", "Weight", "Type", "Target", "Denominator"]
META_ROWS = [
    ["1", "a1", "P1", "1", "1", "Indicator", "10", "Pop"],
    ["1", "a2", "P1", "-1", "2", "Indicator", "1", ""],
    ["1", "b1", "P2", "1", "1", "Indicator", "5", ""],
    ["1", "b2", "P2", "1", "1", "Indicator", "8", ""],
    ["2", "P1", "Top", "1", "1", "Aggregate", "", ""],
    ["2", "P2", "Top", "1", "3", "Aggregate", "", ""],
    ["3", "Top", "", "1", "1", "Aggregate", "", ""],
    ["", "Grp", "", "", "", "Group", "", ""],
    ["", "Pop", "", "", "", "Denominator", "", ""],
]
DATA_HEADER = ["uCode", "uName", "Grp", "Pop", "a1", "a2", "b1", "b2"]
DATA_ROWS = [
    ["UB", "Unit B", "x", "2", "4", "3", "", "5"],
    ["UA", "Unit A", "x", "1", "2", "1", "1", "7"],
    ["UC", "Unit C", "y", "4", "", "2", "4", "2"],
    ["UD", "Unit D", "y", "2", "10", "8", "2", "9"],
    ["UE", "Unit E", "", "5", "5", "5", "6", "1"],
]


def meta_records(rows=None, header=None):
    header = header or META_HEADER
    return [dict(zip(header, row, strict=True)) for row in (rows or META_ROWS)]


def small_framework(rows=None):
    return build_framework(meta_records(rows))


def small_coin(data_rows=None, meta_rows=None, header=None):
    return build_coin(header or DATA_HEADER, data_rows or DATA_ROWS, small_framework(meta_rows))
