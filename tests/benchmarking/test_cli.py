"""The command line: build and uncertainty, file layout, one-line errors with exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from citydiplomacy.benchmarking.engine import main
from citydiplomacy.benchmarking.engine.spec import REFERENCE_SPEC

DATA = Path(__file__).resolve().parents[1] / "data" / "coinr"
IDATA = str(DATA / "input" / "ASEM_iData.csv")
IMETA = str(DATA / "input" / "ASEM_iMeta.csv")
SRC = Path(__file__).resolve().parents[2] / "src"


def write_json(path: Path, document) -> str:
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_build_writes_coinr_identical_stage_files(tmp_path):
    spec = write_json(tmp_path / "spec.json", REFERENCE_SPEC)
    out = tmp_path / "out"
    assert main(["build", "--data", IDATA, "--meta", IMETA, "--spec", spec, "--out", str(out)]) == 0
    pairs = {
        "denominated": "02_Denominated",
        "imputed": "03_Imputed",
        "screened": "04_Screened",
        "treated": "05_Treated",
        "normalised": "06_Normalised",
        "aggregated": "07_Aggregated",
        "ranks": "08_Aggregated_ranks",
        "treated_points": "05_Treated_points",
        "screened_details": "04_Screened_details",
        "effective_weights": "meta_effective_weights",
    }
    for ours, theirs in pairs.items():
        assert (out / f"{ours}.csv").read_bytes() == (
            DATA / "example_coin" / f"{theirs}.csv"
        ).read_bytes(), ours


def test_uncertainty_writes_results_and_replays(tmp_path):
    spec = write_json(tmp_path / "spec.json", REFERENCE_SPEC)
    factors = write_json(
        tmp_path / "factors.json",
        {
            "analysis": "sensitivity",
            "factors": [
                {"name": "winmax", "step": "treat", "param": "winmax", "values": [2, 5]},
                {"name": "weights", "noise": {"2": 0.25}, "n_sets": 10, "seed": 2},
            ],
        },
    )
    common = ["uncertainty", "--data", IDATA, "--meta", IMETA, "--spec", spec, "--factors", factors]
    first = tmp_path / "first"
    assert main([*common, "--n", "5", "--seed", "7", "--out", str(first)]) == 0
    for name in ("draws", "choices", "scores", "run_ranks", "rank_stats", "sensitivity"):
        assert (first / f"{name}.csv").exists(), name
    replay = tmp_path / "replay"
    assert main([*common, "--draws", str(first / "draws.csv"), "--out", str(replay)]) == 0
    assert (first / "scores.csv").read_text() == (replay / "scores.csv").read_text()
    assert len((first / "draws.csv").read_text().splitlines()) == 1 + 5 * 4


def test_errors_are_one_line_with_exit_code_2(tmp_path, capsys):
    spec = write_json(tmp_path / "spec.json", {"steps": [{"op": "polish"}]})
    code = main(
        ["build", "--data", IDATA, "--meta", IMETA, "--spec", spec, "--out", str(tmp_path / "o")]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "unknown op 'polish'" in err
    assert main(["build", "--data", IDATA]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["frobnicate"]) == 2


def test_python_dash_m_entry_point(tmp_path):
    spec = write_json(tmp_path / "spec.json", REFERENCE_SPEC)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "citydiplomacy.benchmarking.engine",
            "build",
            "--data",
            IDATA,
            "--meta",
            IMETA,
            "--spec",
            spec,
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "aggregated.csv").exists()
    failed = subprocess.run(
        [
            sys.executable,
            "-m",
            "citydiplomacy.benchmarking.engine",
            "build",
            "--data",
            "x.csv",
            "--meta",
            "y.csv",
            "--spec",
            spec,
            "--out",
            str(tmp_path / "o2"),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert failed.returncode == 2 and failed.stderr.count("\n") == 1
