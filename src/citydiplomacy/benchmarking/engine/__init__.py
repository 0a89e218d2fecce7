"""Benchmarking engine: composite indicators built exactly as the R package COINr builds them.

Pure NumPy (no Django). The usual entry points:

* :func:`load_coin` - read iData and iMeta CSV files into a validated :class:`Coin`;
* :func:`parse_spec` / :func:`load_spec` - validate a pipeline specification;
* :func:`run_pipeline` - run it, keeping every stage (``denominated``, ``imputed`` ...);
* :func:`run_uncertainty` - Monte Carlo uncertainty and sensitivity analysis;
* :func:`main` - the command line (``build`` and ``uncertainty``).
"""

from .cli import main
from .data import Coin, Framework, load_coin
from .errors import EngineError
from .factors import load_factors, parse_factors
from .pipeline import PipelineResult, run_pipeline
from .spec import REFERENCE_SPEC, PipelineSpec, load_spec, parse_spec
from .table import Table
from .uncertainty import read_draws, run_uncertainty, sample_draws

__all__ = [
    "REFERENCE_SPEC",
    "Coin",
    "EngineError",
    "Framework",
    "PipelineResult",
    "PipelineSpec",
    "Table",
    "load_coin",
    "load_factors",
    "load_spec",
    "main",
    "parse_factors",
    "parse_spec",
    "read_draws",
    "run_pipeline",
    "run_uncertainty",
    "sample_draws",
]
