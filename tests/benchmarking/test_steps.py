"""Each engine step on small inputs whose results can be worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from citydiplomacy.benchmarking.engine import aggregate as agg
from citydiplomacy.benchmarking.engine import normalise as norm
from citydiplomacy.benchmarking.engine.analysis import (
    cronbach_alpha,
    pca_weights,
    removal_impacts,
)
from citydiplomacy.benchmarking.engine.denominate import denominate
from citydiplomacy.benchmarking.engine.impute import impute
from citydiplomacy.benchmarking.engine.pipeline import run_pipeline
from citydiplomacy.benchmarking.engine.ranks import group_ranks, ranks
from citydiplomacy.benchmarking.engine.rstats import long_sum, r_kurt, r_mean, r_skew, rank_min
from citydiplomacy.benchmarking.engine.screen import screen_units
from citydiplomacy.benchmarking.engine.spec import parse_spec
from citydiplomacy.benchmarking.engine.treat import log_ct, treat
from citydiplomacy.benchmarking.engine.weights import effective_weights, resolve_weights

from .small import small_coin, small_framework

NAN = np.nan


def col(*values):
    return np.array(values, dtype=float)[:, None]


def test_units_are_sorted_and_indicators_keep_meta_order():
    coin = small_coin()
    assert coin.units == ("UA", "UB", "UC", "UD", "UE")
    assert coin.framework.indicators == ("a1", "a2", "b1", "b2")
    assert coin.groups["Grp"] == ("x", "x", "y", "y", None)


def test_denominate_divides_by_the_scaled_denominator():
    out = denominate(col(10, NAN, 6), col(2, 4, NAN), scale_factor=10)
    assert out[0, 0] == 50
    assert np.isnan(out[1:, 0]).all()


def test_impute_column_mean_and_median():
    x = np.array([[1, NAN], [2, 4], [NAN, 6], [6, 11]], dtype=float)
    assert impute(x, "mean")[2, 0] == 3
    assert impute(x, "median")[0, 1] == 6
    assert (impute(x)[~np.isnan(x)] == x[~np.isnan(x)]).all()


def test_impute_within_groups_leaves_ungrouped_units_missing():
    x = col(1, NAN, 10, NAN, NAN, 3)
    out = impute(x, groups=["g", "g", "h", "h", None, "g"])
    assert out[1, 0] == 2 and out[3, 0] == 10
    assert math.isnan(out[4, 0])


def test_impute_by_row_normalises_first_like_coinr():
    x = np.array([[0, 0], [10, 5], [5, NAN]], dtype=float)
    # Column 1 scaled to [0, 1] gives 0.5 for the third unit; scaled back: 0 + 0.5 * 5.
    assert impute(x, by="row", directions=np.array([1.0, 1.0]))[2, 1] == 2.5
    # Without normalisation the row mean of the available values is used.
    assert impute(x, by="row", normalise_first=False)[2, 1] == 5


def test_impute_by_row_within_column_groups():
    x = np.array([[1, 3, 100, NAN]], dtype=float)
    out = impute(x, by="row", column_groups=["p", "p", "q", "q"], normalise_first=False)
    assert out[0, 3] == 100


def test_screen_removes_only_units_strictly_below_the_threshold():
    x = np.array([[1, NAN, 3], [NAN, NAN, 1], [0, 0, 1]], dtype=float)
    by_na = screen_units(x, "na", threshold=1 / 3)
    assert by_na.included.tolist() == [True, True, True]
    assert screen_units(x, "na", threshold=0.5).included.tolist() == [True, False, True]
    by_zeros = screen_units(x, "zeros", zeros_threshold=0.5)
    assert by_zeros.included.tolist() == [True, True, False]
    both = screen_units(x, "na_and_zeros", threshold=0.5, zeros_threshold=0.5)
    assert both.included.tolist() == [True, False, False]


def test_skew_and_kurtosis_are_excel_type_2():
    x = col(1, 2, 3, 4, 10)
    # d = x - 4: sum d^2 = 50, sum d^3 = 180, sum d^4 = 1394 (n = 5).
    skew = math.sqrt(5) * 180 / 50**1.5 * math.sqrt(20) / 3
    r = 5 * 1394 / 50**2
    kurt = (6 * (r - 3) + 6) * 4 / (3 * 2)
    assert r_skew(x)[0] == pytest.approx(skew, rel=1e-14)
    assert r_kurt(x)[0] == pytest.approx(kurt, rel=1e-14)
    assert math.isnan(r_skew(col(1, 2))[0]) and math.isnan(r_kurt(col(1, 2, 3))[0])


def test_r_mean_is_exact_for_awkward_sums():
    x = col(1e16, 1, -1e16, 3)
    assert r_mean(x)[0] == 1.0


def test_treat_winsorises_coinr_example():
    # COINr's own example, x <- c(1:10, 30, 100): one point is enough to pass.
    x = col(*range(1, 11), 30, 100)
    result = treat(x, winmax=5)
    assert result.values[:, 0].tolist() == [*range(1, 11), 30, 30]
    assert result.details[0]["winsorise.nwin"] == 1
    assert result.details[0]["check_SkewKurt1.Pass"] is True
    assert result.points[:, 0].tolist()[-2:] == ["", "winhi"]


def test_treat_counts_tied_winsorised_points_cumulatively():
    x = col(*range(1, 31), 1000, 2000, 5000)
    result = treat(x, winmax=2, log=False)
    # 5000 -> 2000, then both 2000s -> 1000: the latest high set has 2 points.
    assert result.values[:, 0].tolist()[-3:] == [1000, 1000, 1000]
    assert result.details[0]["winsorise.nwin"] == 2
    assert result.points[:, 0].tolist()[-3:] == ["", "winhi", "winhi"]


def test_treat_logs_the_original_values_when_winsorising_is_not_enough():
    x = col(*range(1, 31), 1000, 2000, 5000)
    result = treat(x, winmax=1)
    assert np.array_equal(result.values, log_ct(x))
    assert result.points[-1, 0] == "winhi+log_CT"
    assert result.points[0, 0] == "+log_CT"
    assert "check_SkewKurt2.Pass" in result.details[0]


def test_treat_combined_logs_the_winsorised_values():
    x = col(*range(1, 31), 1000, 2000, 5000)
    combined = treat(x, winmax=1, combine=True)
    winsorised = x.copy()
    winsorised[-1] = 2000
    assert np.array_equal(combined.values, log_ct(winsorised))


def test_treat_without_log_keeps_the_winsorised_values():
    x = col(*range(1, 31), 1000, 2000, 5000)
    assert treat(x, winmax=1, log=False).values[-1, 0] == 2000


def test_treat_leaves_passing_and_undefined_columns_alone():
    x = np.column_stack([np.arange(10.0), np.full(10, 3.0)])
    result = treat(x)
    assert np.array_equal(result.values, x)
    assert list(result.details) == [0]  # a constant column has no defined check


def test_normalise_minmax_zscore_and_ranks():
    x = col(2, 4, NAN, 6)
    assert norm.minmax(x, 0, 10)[:, 0].tolist()[:2] == [0, 5]
    z = norm.zscore(x, 10, 2)
    assert z[1, 0] == 10 and z[3, 0] == 12
    assert norm.rank(col(3, 1, 3))[:, 0].tolist() == [2, 1, 2]
    assert norm.borda(col(3, 1, 3))[:, 0].tolist() == [1, 0, 1]
    assert norm.prank(col(3, 1, 3, 5))[:, 0].tolist() == [1 / 3, 0, 1 / 3, 1]


def test_normalise_applies_direction_before_the_method():
    x = col(1, 2, 3)
    reversed_ = norm.normalise(x, np.array([-1.0]), "minmax")
    assert reversed_[:, 0].tolist() == [100, 50, 0]
    assert norm.normalise(x, np.array([1.0]), "fracmax")[:, 0].tolist() == [1 / 3, 2 / 3, 1]
    assert norm.normalise(x, np.array([1.0]), "dist2max")[:, 0].tolist() == [0, 0.5, 1]


def test_dist2target_uses_metadata_targets_for_both_directions():
    x = col(-1, 1, 10)
    up = norm.normalise(x, np.array([1.0]), "dist2target", targets=np.array([10.0]))
    assert up[:, 0].tolist() == [0, 2 / 11, 1]
    down = norm.normalise(x, np.array([-1.0]), "dist2target", targets=np.array([0.0]), cap_max=True)
    assert down[:, 0].tolist() == [1, 0.9, 0]  # COINr's own test values


def test_goalposts_match_coinr_examples():
    one = col(1.0)
    assert norm.goalposts(one, 0, 10, 1, np.array([1.0]))[0, 0] == pytest.approx(0.1)
    flipped = norm.normalise(one, np.array([-1.0]), "goalposts", lower=0, upper=10, scale=1)
    assert flipped[0, 0] == pytest.approx(0.9)
    assert norm.goalposts(col(20.0), 0, 10, 100, np.array([1.0]))[0, 0] == 100


def test_aggregation_means():
    x = np.array([[1, 4, NAN], [2, 8, 4]], dtype=float)
    w = np.array([1, 1, 2], dtype=float)
    assert agg.arithmetic(x, w).tolist() == [2.5, 4.5]
    assert agg.geometric(x, w)[0] == pytest.approx(2)
    assert agg.harmonic(x[:, :2], w[:2])[0] == pytest.approx(1.6)
    gen = agg.generalised(x, w, 2)
    assert math.isnan(gen[0]) and gen[1] == pytest.approx(math.sqrt((4 + 64 + 32) / 4))


def test_aggregation_dat_thresh_blanks_rows_with_too_few_children():
    coin = small_coin()
    spec = parse_spec({"steps": [{"op": "aggregate", "dat_thresh": 0.6}]})
    table = run_pipeline(coin, spec).table
    # UB lacks b1 and UC lacks a1: half of their pillar is missing (0.5 < 0.6).
    assert math.isnan(table.column("P2")[1]) and math.isnan(table.column("P1")[2])
    assert not math.isnan(table.column("P1")[0])


def test_aggregation_by_level_and_column_order():
    coin = small_coin()
    spec = parse_spec(
        {
            "steps": [
                {"op": "normalise", "method": "minmax", "range": [1, 100]},
                {"op": "aggregate", "by_level": ["geometric", {"method": "generalised", "p": 2}]},
            ]
        }
    )
    table = run_pipeline(coin, spec).table
    assert table.columns[-3:] == ("P1", "P2", "Top")
    p1, p2 = table.column("P1")[0], table.column("P2")[0]
    expected = math.sqrt((1 * p1**2 + 3 * p2**2) / 4)
    assert table.column("Top")[0] == pytest.approx(expected, rel=1e-14)


def test_weights_effective_and_equal():
    framework = small_framework()
    weights = resolve_weights(framework)
    effective = effective_weights(framework, weights)
    assert effective["a2"] == pytest.approx(2 / 3 * 1 / 4)
    assert effective["b1"] == pytest.approx(1 / 2 * 3 / 4)
    assert sum(effective[c] for c in framework.indicators) == pytest.approx(1)
    equal = effective_weights(framework, resolve_weights(framework, method="equal"))
    assert equal["a2"] == 0.25


def test_ranks_share_the_best_rank_and_keep_missing():
    assert ranks(col(5, 7, 7, NAN, 1))[:, 0].tolist()[:3] == [3, 1, 1]
    assert math.isnan(ranks(col(5, NAN))[1, 0])
    assert rank_min(col(2, 2, 1))[:, 0].tolist() == [2, 2, 1]
    grouped = group_ranks(col(1, 2, 3, 4), ["a", "b", "a", None])
    assert grouped[:3, 0].tolist() == [2, 1, 1] and math.isnan(grouped[3, 0])


def test_cronbach_alpha_and_pca():
    x = np.array([[1, 2, 1.5], [2, 4, 2.5], [3, 6, 3.6], [4, 8, 4.4]])
    assert cronbach_alpha(x) == pytest.approx(0.9, abs=0.1)
    loadings, share = pca_weights(x)
    assert loadings.sum() > 0 and share > 0.95
    assert np.linalg.norm(loadings) == pytest.approx(1)


def test_removal_impacts_report_rank_changes():
    coin = small_coin()
    spec = parse_spec({"steps": [{"op": "normalise"}, {"op": "aggregate"}]})
    nominal, impacts = removal_impacts(coin, spec, level=2)
    assert [i.code for i in impacts] == ["P1", "P2"]
    assert all(i.mean_abs_rank_change >= 0 for i in impacts)
    assert sorted(nominal.tolist()) == [1, 2, 3, 4, 5]


def test_long_sums_are_sequential_like_r():
    rng = np.random.default_rng(5)
    x = rng.standard_normal((300, 4)) * 10.0 ** rng.integers(-12, 12, (300, 4))
    expected = []
    for j in range(4):
        total = np.longdouble(0)
        for value in x[:, j]:
            total += np.longdouble(value)
        expected.append(total)
    assert np.array_equal(long_sum(x), np.array(expected))
    assert np.array_equal(long_sum(np.asfortranarray(x)), np.array(expected))
