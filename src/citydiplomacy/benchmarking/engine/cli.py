"""Command line: ``build`` a composite index or run an ``uncertainty`` analysis.

Usage (also ``citydiplomacy benchmark ...`` and ``python -m citydiplomacy.benchmarking.engine``)::

    build --data iData.csv --meta iMeta.csv --spec spec.json --out DIR
    uncertainty --data iData.csv --meta iMeta.csv --spec spec.json --factors factors.json
                [--draws draws.csv | --n N --seed S] --out DIR

Any error prints one line on stderr and returns exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import results
from .csvio import write_rows
from .data import load_coin
from .errors import EngineError
from .factors import load_factors
from .pipeline import PipelineResult, run_pipeline
from .spec import load_spec
from .uncertainty import UncertaintyResult, read_draws, run_uncertainty, sample_draws

EXIT_ERROR = 2


class _UsageError(Exception):
    """Raised instead of argparse's multi-line usage exit."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="benchmark", description="Composite indicator engine (COINr-exact).")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    build = commands.add_parser("build", help="run a pipeline and write every stage")
    uncertainty = commands.add_parser("uncertainty", help="Monte Carlo uncertainty/sensitivity")
    for sub in (build, uncertainty):
        sub.add_argument("--data", required=True, help="iData CSV (units x columns)")
        sub.add_argument("--meta", required=True, help="iMeta CSV (the framework)")
        sub.add_argument("--spec", required=True, help="pipeline specification JSON")
        sub.add_argument("--out", required=True, help="output directory")
    uncertainty.add_argument("--factors", required=True, help="factors JSON")
    source = uncertainty.add_mutually_exclusive_group()
    source.add_argument("--draws", help="CSV of uniform draws to replay (one column per factor)")
    source.add_argument("--n", type=int, help="number of runs (base sample size N for SA)")
    uncertainty.add_argument("--seed", type=int, default=None, help="seed of the generator")
    return parser


def main(argv: Sequence[str]) -> int:
    """Run the command line; return the process exit code."""
    try:
        args = _parser().parse_args(list(argv))
        if args.command == "build":
            return _build(args)
        return _uncertainty(args)
    except (_UsageError, EngineError, OSError) as exc:
        message = " ".join(str(exc).split())
        print(f"error: {message}", file=sys.stderr)
        return EXIT_ERROR


def _load(args):
    spec = load_spec(args.spec)
    coin = load_coin(args.data, args.meta, level_names=spec.level_names)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    return spec, coin, out


def _build(args) -> int:
    spec, coin, out = _load(args)
    run = run_pipeline(coin, spec)
    write_build_outputs(run, out)
    print(
        f"built {len(coin.units)} units x {len(coin.framework.indicators)} indicators; "
        f"wrote {len(run.stages) - 1} stage file(s) and ranks.csv to {out}"
    )
    return 0


def write_build_outputs(run: PipelineResult, out: Path) -> None:
    """Write every stage, the ranks and COINr's detail tables into ``out``."""
    for name, table in run.stages[1:]:
        table.to_csv(out / f"{name}.csv")
    run.ranks().to_csv(out / "ranks.csv")
    framework = run.coin.framework
    if run.final.screen is not None:
        write_rows(out / "screened_details.csv", *results.screen_details_table(run.final.screen))
    if run.final.treat is not None:
        columns = framework.indicators  # treatment always runs on the indicator columns
        write_rows(
            out / "treated_details.csv", *results.treat_details_table(run.final.treat, columns)
        )
        write_rows(
            out / "treated_points.csv", *results.treat_points_table(run.final.treat, columns)
        )
    write_rows(
        out / "effective_weights.csv",
        *results.effective_weights_table(framework, run.final.weights),
    )
    if framework.codes_at(framework.max_level)[0] in run.table.columns:
        write_rows(out / "results.csv", *results.full_results(run.table, framework, None))


def _uncertainty(args) -> int:
    spec, coin, out = _load(args)
    plan = load_factors(args.factors, spec, coin.framework)
    if args.draws is not None:
        draws = read_draws(args.draws, plan)
    else:
        draws = sample_draws(plan, args.n if args.n is not None else 100, args.seed)
    result = run_uncertainty(coin, spec, plan, draws, boot_seed=args.seed)
    write_uncertainty_outputs(result, out)
    print(f"{plan.analysis}: {len(draws)} runs, {len(result.failures)} failed; results in {out}")
    return 0


def write_uncertainty_outputs(result: UncertaintyResult, out: Path) -> None:
    """Write draws (replayable), choices, scores, ranks, rank statistics and sensitivity."""
    names = list(result.factor_names)
    write_rows(out / "draws.csv", names, result.draws.tolist())
    write_rows(
        out / "choices.csv",
        ["run", *names],
        ([r + 1, *labels] for r, labels in enumerate(result.choices)),
    )
    runs = [f"r_{r + 1}" for r in range(result.scores.shape[1])]
    for name, matrix in (("scores", result.scores), ("run_ranks", result.ranks)):
        nominal = result.nominal_scores if name == "scores" else result.nominal_ranks
        write_rows(
            out / f"{name}.csv",
            ["uCode", "Nominal", *runs],
            ([u, nominal[i], *matrix[i]] for i, u in enumerate(result.units)),
        )
    write_rows(out / "rank_stats.csv", *result.rank_stats())
    if result.sensitivity is not None:
        header = list(result.sensitivity[0])
        write_rows(
            out / "sensitivity.csv",
            header,
            ([row[k] for k in header] for row in result.sensitivity),
        )
    if result.failures:
        (out / "failures.txt").write_text("\n".join(result.failures) + "\n", encoding="utf-8")
