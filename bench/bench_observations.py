"""Time the Eurostat parsers on a synthetic file of one million observations.

Usage (from the repository root)::

    PYTHONPATH=src python bench/bench_observations.py [--observations N] [--format tsv|sdmx]

The synthetic table mixes cells the way Eurostat files do, but with more values than
the real ones (half the cells hold a value, a fifth of those carry flags), so it is
a harder case than e.g. urb_ctour.tsv, where four cells in five are ``:``.
Requirement: 1,000,000 observations in under 30 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from citydiplomacy.benchmarking.observations import parse_eurostat_tsv, parse_sdmx_csv

YEARS = list(range(2023, 1998, -1))  # 25 years, newest first as in the classic layout
LIMIT_SECONDS = 30.0


def _cell(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return ": " if roll < 0.45 else ": c"
    value = str(rng.randint(0, 5_000_000)) if roll < 0.8 else f"{rng.uniform(0, 100):.1f}"
    return f"{value} {rng.choice('pebd')}" if roll > 0.9 else f"{value} "


def write_tsv(path: Path, observations: int, rng: random.Random) -> int:
    """Write a classic Eurostat TSV with at least ``observations`` cells; return the count."""
    rows = -(-observations // len(YEARS))
    indicators = [f"XX{n:04d}V" for n in range(20)]
    with path.open("w", encoding="utf-8") as out:
        out.write("indic_ur,cities\\time\t" + "\t".join(f"{y} " for y in YEARS) + "\n")
        for row in range(rows):
            indicator, city = indicators[row % 20], f"ZZ{row // 20:05d}C1"
            cells = "\t".join(_cell(rng) for _ in YEARS)
            out.write(f"{indicator},{city}\t{cells}\n")
    return rows * len(YEARS)


def write_sdmx(path: Path, observations: int, rng: random.Random) -> int:
    """Write the same kind of data as Eurostat SDMX-CSV, one observation per line."""
    with path.open("w", encoding="utf-8") as out:
        out.write("DATAFLOW,LAST UPDATE,freq,indic_ur,cities,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n")
        for n in range(observations):
            value, _, flag = _cell(rng).partition(" ")
            row = n // len(YEARS)
            year = YEARS[n % len(YEARS)]
            value = "" if value == ":" else value
            line = (
                f"ESTAT:URB_X(1.0),,A,XX{row % 20:04d}V,ZZ{row // 20:05d}C1,{year},{value},{flag}"
            )
            out.write(line + "\n")
    return observations


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--observations", type=int, default=1_000_000)
    parser.add_argument("--format", choices=("tsv", "sdmx"), default="tsv")
    args = parser.parse_args()
    rng = random.Random(20240101)
    writer, parse = (
        (write_tsv, parse_eurostat_tsv)
        if args.format == "tsv"
        else (
            write_sdmx,
            parse_sdmx_csv,
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"synthetic.{args.format}"
        expected = writer(path, args.observations, rng)
        size_mb = path.stat().st_size / 1e6
        started, cpu_started = time.perf_counter(), time.process_time()
        parsed = parse(path)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
    assert parsed.count == expected, (parsed.count, expected)
    rate = parsed.count / seconds
    print(
        f"{args.format}: parsed {parsed.count:,} observations ({size_mb:.1f} MB, "
        f"{parsed.value_count:,} with values) in {seconds:.2f} s = {rate:,.0f} per second "
        f"(CPU time {cpu_seconds:.2f} s; the two differ when the machine is busy)"
    )
    if seconds >= LIMIT_SECONDS * parsed.count / 1_000_000:
        print(f"FAIL: slower than {LIMIT_SECONDS:.0f} s per million", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
