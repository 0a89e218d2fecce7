"""Property-based tests of the engine's building blocks (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from citydiplomacy.benchmarking.engine import aggregate as agg
from citydiplomacy.benchmarking.engine import normalise as norm
from citydiplomacy.benchmarking.engine.impute import impute
from citydiplomacy.benchmarking.engine.ranks import ranks
from citydiplomacy.benchmarking.engine.weights import effective_weights, resolve_weights

from .small import small_framework

finite = st.floats(-1e6, 1e6, allow_nan=False)
positive = st.floats(0.01, 1e4, allow_nan=False)
columns = arrays(float, st.tuples(st.integers(2, 30), st.integers(1, 4)), elements=finite)
settings.register_profile("engine", max_examples=60, deadline=None)
settings.load_profile("engine")


@given(columns, st.floats(-50, 50), st.floats(1, 100))
def test_minmax_stays_in_range(x, lower, width):
    upper = lower + width
    y = norm.minmax(x, lower, upper)
    spread = x.max(axis=0) > x.min(axis=0)
    assert np.all(y[:, spread] >= lower - 1e-9 * width)
    assert np.all(y[:, spread] <= upper + 1e-9 * width)


@given(columns)
def test_prank_and_dist2max_are_in_unit_interval(x):
    assert np.all((norm.prank(x) >= 0) & (norm.prank(x) <= 1))
    spread = x.max(axis=0) > x.min(axis=0)
    d = norm.dist2max(x)[:, spread]
    assert np.all((d >= -1e-12) & (d <= 1 + 1e-12))


@given(arrays(float, st.integers(1, 40), elements=st.integers(-5, 5).map(float)))
def test_ranks_share_the_best_rank(values):
    r = ranks(values[:, None])[:, 0]
    for i, value in enumerate(values):
        assert r[i] == 1 + np.sum(values > value)  # ties share the smallest rank
    assert set(r.astype(int)) <= set(range(1, len(values) + 1))


@given(arrays(float, st.integers(1, 40), elements=finite, unique=True))
def test_ranks_of_distinct_values_are_a_permutation(values):
    r = ranks(values[:, None])[:, 0]
    assert sorted(r.astype(int).tolist()) == list(range(1, len(values) + 1))


@given(
    positive,
    st.lists(positive, min_size=1, max_size=8),
    st.floats(-3, 3).filter(lambda p: abs(p) > 0.1),
)
def test_aggregating_equal_values_returns_the_value(value, weights, p):
    x = np.full((3, len(weights)), value)
    w = np.array(weights)
    for y in (
        agg.arithmetic(x, w),
        agg.geometric(x, w),
        agg.harmonic(x, w),
        agg.generalised(x, w, p),
    ):
        assert np.allclose(y, value, rtol=1e-12)


@given(
    arrays(float, st.tuples(st.integers(1, 10), st.integers(1, 6)), elements=positive),
    st.lists(positive, min_size=6, max_size=6),
    st.floats(0.1, 1000),
)
def test_weights_invariant_to_scaling(x, weights, factor):
    w = np.array(weights[: x.shape[1]])
    for method in (agg.arithmetic, agg.geometric, agg.harmonic):
        assert np.allclose(method(x, w), method(x, w * factor), rtol=1e-12)


@given(st.lists(positive, min_size=7, max_size=7), st.floats(0.1, 1000))
def test_effective_weights_invariant_to_scaling_and_sum_to_one(weights, factor):
    framework = small_framework()
    base = dict(zip(framework.meta_order, weights, strict=True))
    scaled = {c: w * factor for c, w in base.items()}
    e1 = effective_weights(framework, resolve_weights(framework, base))
    e2 = effective_weights(framework, resolve_weights(framework, scaled))
    assert all(np.isclose(e1[c], e2[c], rtol=1e-12) for c in e1)
    assert np.isclose(sum(e1[c] for c in framework.indicators), 1)


@given(
    arrays(
        float,
        st.tuples(st.integers(2, 15), st.integers(1, 4)),
        elements=st.one_of(finite, st.just(np.nan)),
    )
)
def test_imputation_never_changes_observed_values(x):
    out = impute(x, "mean")
    observed = ~np.isnan(x)
    assert np.array_equal(out[observed], x[observed])
    filled = observed.any(axis=0)
    assert not np.isnan(out[:, filled]).any()
