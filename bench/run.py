"""Run every benchmark and write their output to bench/RESULTS.md, with the machine and date.

Each benchmark is a script in this folder that prints a table and exits non-zero when it misses
its target. ``make bench`` runs this; ``python bench/run.py NAME…`` runs only some of them.
"""

import datetime
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
# name: (script, arguments, what the issue asks for)
BENCHMARKS = {
    "plan": ("bench_plan.py", [], "plan tree page < 300 ms median, constant queries"),
    "report": ("bench_report.py", [], "follow-up report PDF < 15 s"),
    "decisions": ("bench_decision_parser.py", [], "≥ 500 text records/s on one core"),
    "engine": ("bench_engine.py", [], "pipeline < 1 s; 1,000 Monte Carlo runs < 60 s, < 4 GB"),
    "observations": ("bench_observations.py", [], "1,000,000 Eurostat observations parsed < 30 s"),
    "radar": ("bench_radar.py", [], "radar full scan of 1,000,000 < 5 s; incremental < 50 ms"),
    "register": (
        "bench_register.py",
        [],
        "register list and API < 150 ms median at 200,000; radar check on save < 50 ms; "
        "100,000-row import < 60 s",
    ),
    "register-views": (
        "bench_register_views.py",
        [],
        "map aggregation < 300 ms median at 200,000 activities, constant queries",
    ),
    "triage": ("bench_triage.py", [], "triage < 50 ms with 10,000 earlier visits"),
    "visits": (
        "bench_visits.py",
        [],
        "triage < 50 ms, form submission < 200 ms median with 10,000 earlier visits",
    ),
    "benchmarking-import": (
        "bench_benchmarking_import.py",
        [],
        "1,000,000 observations imported < 30 s",
    ),
}


def _machine() -> str:
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{platform.node()}: {os.cpu_count()} cores{memory}, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def run(name: str) -> tuple[str, int, float]:
    script, arguments, _ = BENCHMARKS[name]
    env = {**os.environ, "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO}"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(HERE / script), *arguments],
        cwd=HERE,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    output = (result.stdout + ("\n" + result.stderr if result.returncode else "")).strip()
    return output, result.returncode, time.perf_counter() - start


def main(argv: list[str]) -> int:
    names = argv or [n for n, (script, *_) in BENCHMARKS.items() if (HERE / script).exists()]
    sections, failed = [], []
    for name in names:
        print(f"== {name}", flush=True)
        output, code, seconds = run(name)
        print(output, flush=True)
        if code:
            failed.append(name)
        target = BENCHMARKS[name][2]
        verdict = "target met" if code == 0 else f"exit {code}: target missed or error"
        sections.append(
            f"## {name}\n\nTarget: {target}. Result: {verdict} ({seconds:.0f} s to run).\n\n"
            f"```\n{output}\n```\n"
        )
    today = datetime.date.today().isoformat()
    text = (
        "# Benchmark results\n\n"
        f"Written by `make bench` (`python bench/run.py`) on {today}.\n"
        f"Machine: {_machine()}. The machine is shared with other work, so wall-clock times "
        "vary between runs; where a benchmark also reports CPU time, that is the steadier "
        "figure.\n\n" + "\n".join(sections)
    )
    if not argv:
        (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    print("failed: " + ", ".join(failed) if failed else "all targets met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
