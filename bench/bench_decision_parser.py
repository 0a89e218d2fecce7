"""Throughput of the decision parser on one core: records per second.

Parses the 28 real samples (one-block-per-line text) and the seed minutes text
(PDF-extracted, wrapped) over and over for a fixed time, then does the same for the
samples' API JSON and for the seed as a PDF file.

Run: ``PYTHONPATH=src python bench/bench_decision_parser.py [--seconds 5]``
"""

import argparse
import os
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from citydiplomacy.decisions.parser import parse  # noqa: E402

DATA = REPO / "tests" / "data" / "ahjo"
SEED = REPO / "src" / "citydiplomacy" / "demo" / "data" / "seed" / "decision_2017-11-13_s11_fi.txt"
TARGET_TEXT_RECORDS_PER_SECOND = 500


def _pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    return "not pinned (no sched_setaffinity)"


def _rate(inputs: list, seconds: float) -> tuple[float, int]:
    """Records per second parsing ``inputs`` round-robin for about ``seconds``."""
    for source in inputs:
        parse(source)  # warm up: regex compilation, imports
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for source in inputs:
            parse(source)
        count += len(inputs)
    return count / (time.perf_counter() - start), count


def _pdf_of_seed() -> bytes:
    sys.path.insert(0, str(REPO))
    from tests.decisions.ahjo_fixtures import make_pdf

    lines = SEED.read_text(encoding="utf-8").splitlines()
    return make_pdf([lines[i : i + 60] for i in range(0, len(lines), 60)])


def main() -> int:
    """Print the throughput table; exit 1 if text parsing is below the target."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--seconds", type=float, default=5.0, help="time per measurement")
    seconds = options.parse_args().seconds

    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "samples").glob("*.txt"))]
    texts.append(SEED.read_text(encoding="utf-8"))
    jsons = [p.read_text(encoding="utf-8") for p in sorted((DATA / "raw").glob("*.json"))]
    size = sum(len(t.encode("utf-8")) for t in texts) / len(texts) / 1024

    print(f"decision parser throughput: Python {platform.python_version()}, {_pin_to_one_core()}")
    text_rate, text_count = _rate(texts, seconds)
    print(f"text  ({len(texts)} records, mean {size:.1f} KB): {text_rate:8.0f} records/s")
    json_rate, _ = _rate(jsons, seconds)
    print(f"json  ({len(jsons)} API records):            {json_rate:8.0f} records/s")
    pdf_rate, _ = _rate([_pdf_of_seed()], seconds)
    print(f"pdf   (seed minutes, 3 pages, pypdf):      {pdf_rate:8.0f} records/s")
    verdict = "meets" if text_rate >= TARGET_TEXT_RECORDS_PER_SECOND else "MISSES"
    print(f"text target {TARGET_TEXT_RECORDS_PER_SECOND}/s: {verdict} ({text_count} parsed)")
    return 0 if text_rate >= TARGET_TEXT_RECORDS_PER_SECOND else 1


if __name__ == "__main__":
    sys.exit(main())
