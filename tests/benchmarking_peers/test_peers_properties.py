"""Property tests of the peer distance and selection."""

import itertools
import math

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from citydiplomacy.benchmarking.peers import CityMatrix, distance_between, find_peers

FAST = settings(max_examples=60, deadline=None)
VALUE = st.none() | st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 3))


@st.composite
def matrices(draw, min_cities=3):
    """A random matrix with some missing values, and positive weights for its indicators."""
    n_cities = draw(st.integers(min_cities, 8))
    n_indicators = draw(st.integers(1, 4))
    cities = [f"C{i}" for i in range(n_cities)]
    indicators = [f"I{j}" for j in range(n_indicators)]
    rows = {city: {name: draw(VALUE) for name in indicators} for city in cities}
    weights = {name: draw(st.floats(0.1, 10)) for name in indicators}
    return CityMatrix.from_mapping(rows, indicators), weights


def _has_values(matrix: CityMatrix, city: str) -> bool:
    return not np.isnan(matrix.values[matrix.cities.index(city)]).all()


@FAST
@given(matrices(), st.data())
def test_distance_is_symmetric(pair, data):
    matrix, weights = pair
    a = data.draw(st.sampled_from(matrix.cities))
    b = data.draw(st.sampled_from(matrix.cities))
    ab = distance_between(matrix, a, b, weights)
    ba = distance_between(matrix, b, a, weights)
    assert (ab is None and ba is None) or math.isclose(ab, ba, rel_tol=1e-12, abs_tol=1e-12)


@FAST
@given(matrices(), st.data())
def test_identical_cities_are_at_distance_zero(pair, data):
    matrix, weights = pair
    source = data.draw(st.sampled_from(matrix.cities))
    assume(_has_values(matrix, source))
    row = matrix.values[matrix.cities.index(source)]
    twin = CityMatrix((*matrix.cities, "TWIN"), matrix.indicators, np.vstack([matrix.values, row]))
    assert distance_between(twin, source, "TWIN", weights) == 0.0
    assert distance_between(twin, source, source, weights) == 0.0


@FAST
@given(matrices(), st.data(), st.floats(0.001, 1000))
def test_rescaling_an_indicator_keeps_the_ranking(pair, data, factor):
    matrix, weights = pair
    home = data.draw(st.sampled_from(matrix.cities))
    assume(_has_values(matrix, home))
    column = data.draw(st.integers(0, len(matrix.indicators) - 1))
    scaled_values = matrix.values.copy()
    scaled_values[:, column] *= factor  # e.g. population in thousands instead of persons
    scaled = CityMatrix(matrix.cities, matrix.indicators, scaled_values)
    k = len(matrix.cities)
    before = find_peers(matrix, home, weights, k, min_overlap=1)
    after = find_peers(scaled, home, weights, k, min_overlap=1)
    assert [p.city for p in before.peers] == [p.city for p in after.peers] or _only_ties(before)
    for old, new in zip(before.peers, after.peers, strict=True):
        assert math.isclose(old.distance, new.distance, rel_tol=1e-9, abs_tol=1e-9)


def _only_ties(result) -> bool:
    """Rounding can reorder cities whose distances agree to many decimals."""
    distances = [p.distance for p in result.peers]
    return any(
        math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9) for x, y in itertools.pairwise(distances)
    )


@FAST
@given(matrices(min_cities=4), st.data())
def test_constraints_always_hold(pair, data):
    matrix, weights = pair
    home = data.draw(st.sampled_from(matrix.cities))
    assume(_has_values(matrix, home))
    others = [city for city in matrix.cities if city != home]
    must = data.draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
    rest = [city for city in others if city not in must]
    exclude = data.draw(st.lists(st.sampled_from(rest), max_size=2, unique=True))
    region = set(data.draw(st.lists(st.sampled_from(others), unique=True)))
    k = data.draw(st.integers(0, len(others)))
    result = find_peers(
        matrix, home, weights, k, must_include=must, exclude=exclude, region=region, min_overlap=1
    )
    chosen = [p.city for p in result.peers]
    assert set(must) <= set(chosen)
    assert not set(exclude) & set(chosen)
    assert home not in chosen
    assert all(city in region or city in must for city in chosen)
    assert len(chosen) == len(set(chosen)) <= max(k, len(must))
    assert not set(chosen) & {item.city for item in result.excluded}
    assert [p.rank for p in result.peers] == list(range(1, len(chosen) + 1))
    # Deterministic: the same request gives the same answer.
    again = find_peers(
        matrix, home, weights, k, must_include=must, exclude=exclude, region=region, min_overlap=1
    )
    assert again == result


@FAST
@given(matrices(), st.data())
def test_shares_of_distance_add_up(pair, data):
    matrix, weights = pair
    home = data.draw(st.sampled_from(matrix.cities))
    assume(_has_values(matrix, home))
    for peer in find_peers(matrix, home, weights, 3, min_overlap=1).peers:
        shares = [
            c.share_of_distance for c in peer.contributions if c.share_of_distance is not None
        ]
        assert len(shares) == peer.shared_indicators
        if peer.distance:
            assert math.isclose(sum(shares), 1.0)
