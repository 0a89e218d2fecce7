"""Peer selection on small hand-checked examples and on the real Eurostat data."""

import math
from pathlib import Path

import numpy as np
import pytest

from citydiplomacy.benchmarking.observations import Observation, parse_eurostat_tsv
from citydiplomacy.benchmarking.peers import (
    CityMatrix,
    PeerSelectionError,
    distance_between,
    find_peers,
    standardise,
)

DATA = Path(__file__).resolve().parents[2] / "src/citydiplomacy/demo/data/eurostat"

# Population (thousands) and tourist nights per resident; D misses nights, E has nothing.
ROWS = {
    "A": {"pop": 100.0, "nights": 2.0},
    "B": {"pop": 110.0, "nights": 2.2},
    "C": {"pop": 400.0, "nights": 9.0},
    "D": {"pop": 105.0, "nights": None},
    "E": {"pop": None, "nights": None},
}
WEIGHTS = {"pop": 1.0, "nights": 1.0}


@pytest.fixture
def matrix():
    return CityMatrix.from_mapping(ROWS)


def test_nearest_first_with_contributions(matrix):
    result = find_peers(matrix, "A", WEIGHTS, 2)
    assert [peer.city for peer in result.peers] == ["D", "B"]
    b = result.peers[1]
    assert b.rank == 2
    assert b.shared_indicators == 2
    assert {c.indicator for c in b.contributions} == {"pop", "nights"}
    nights = next(c for c in b.contributions if c.indicator == "nights")
    assert (nights.home_value, nights.peer_value, nights.weight) == (2.0, 2.2, 0.5)
    assert nights.standardised_difference > 0
    assert nights.peer_is in ("higher", "similar")
    assert math.isclose(sum(c.share_of_distance for c in b.contributions), 1.0)


def test_distance_over_shared_indicators_is_rescaled(matrix):
    z, _, _ = standardise(matrix.values)
    a, d = matrix.cities.index("A"), matrix.cities.index("D")
    pop = matrix.indicators.index("pop")
    # Only pop is shared: sqrt(0.5 * dz^2 / 0.5) = |dz|.
    expected = abs(z[a, pop] - z[d, pop])
    assert math.isclose(distance_between(matrix, "A", "D", WEIGHTS), expected)
    peer = next(p for p in find_peers(matrix, "A", WEIGHTS, 3).peers if p.city == "D")
    missing = next(c for c in peer.contributions if c.indicator == "nights")
    assert (missing.peer_value, missing.standardised_difference, missing.peer_is) == (
        None,
        None,
        "unknown",
    )


def test_cities_below_minimum_overlap_are_reported(matrix):
    result = find_peers(matrix, "A", WEIGHTS, 5, min_overlap=2)
    assert [peer.city for peer in result.peers] == ["B", "C"]
    reasons = {item.city: item.reason for item in result.excluded}
    assert reasons == {"D": "too_few_shared_indicators", "E": "too_few_shared_indicators"}
    detail = next(item.detail for item in result.excluded if item.city == "D")
    assert detail == "shares 1 indicators with A; 2 needed"


def test_every_city_is_accounted_for(matrix):
    result = find_peers(matrix, "A", WEIGHTS, 1, exclude={"C"})
    accounted = {p.city for p in result.peers} | {e.city for e in result.excluded}
    not_chosen = set(matrix.cities) - accounted - {"A"}
    # Cities neither chosen nor excluded are simply further away than the k chosen.
    assert not_chosen == {"B"}
    assert {e.city: e.reason for e in result.excluded} == {
        "C": "excluded",
        "E": "too_few_shared_indicators",
    }


def test_region_set_and_predicate(matrix):
    by_set = find_peers(matrix, "A", WEIGHTS, 3, region={"B", "C"})
    by_function = find_peers(matrix, "A", WEIGHTS, 3, region=lambda city: city in "BC")
    assert [p.city for p in by_set.peers] == [p.city for p in by_function.peers] == ["B", "C"]
    assert {e.city for e in by_set.excluded if e.reason == "outside_region"} == {"D", "E"}


def test_must_include_is_forced_even_without_overlap(matrix):
    result = find_peers(matrix, "A", WEIGHTS, 1, must_include=["E"])
    assert [p.city for p in result.peers] == ["E"]
    peer = result.peers[0]
    assert peer.forced and peer.distance is None and peer.shared_indicators == 0
    assert "chosen by the user" in peer.note


def test_must_include_counts_towards_k(matrix):
    result = find_peers(matrix, "A", WEIGHTS, 2, must_include=["C"])
    assert [(p.city, p.forced) for p in result.peers] == [("D", False), ("C", True)]


def test_weights_are_normalised_and_scaling_reported(matrix):
    result = find_peers(matrix, "A", {"pop": 3, "nights": 1}, 1)
    assert result.weights == {"nights": 0.25, "pop": 0.75}
    centre, scale = result.scaling["pop"]
    assert math.isclose(centre, np.mean([100, 110, 400, 105]))
    assert scale > 0


def test_zero_weight_leaves_indicator_out(matrix):
    result = find_peers(matrix, "A", {"pop": 1, "nights": 0}, 1)
    assert list(result.weights) == ["pop"]
    assert result.peers[0].city == "D"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weights": {"gdp": 1}}, "unknown indicators: gdp"),
        ({"weights": {"pop": -1}}, "not negative"),
        ({"weights": {"pop": 0}}, "at least one indicator"),
        ({"home": "X"}, "unknown city 'X'"),
        ({"home": "E"}, "E has 0 of the 2 indicators"),
        ({"must_include": ["X"]}, "not in the data: X"),
        ({"must_include": ["B"], "exclude": ["B"]}, "both required and excluded: B"),
        ({"exclude": ["A"]}, "home city cannot"),
        ({"min_overlap": 3}, "min_overlap must be between 1 and 2"),
        ({"k": -1}, "k must not be negative"),
        ({"must_include": "B"}, "not a string"),
        ({"standardisation": "minmax"}, "standardisation must be one of"),
    ],
)
def test_bad_requests(matrix, kwargs, message):
    request = {"home": "A", "weights": WEIGHTS, "k": 2, **kwargs}
    with pytest.raises(PeerSelectionError, match=message):
        find_peers(matrix, **request)


def test_matrix_validation():
    with pytest.raises(PeerSelectionError, match="shape"):
        CityMatrix(("A",), ("x", "y"), np.zeros((1, 3)))
    with pytest.raises(PeerSelectionError, match="unique"):
        CityMatrix(("A", "A"), ("x",), np.zeros((2, 1)))
    with pytest.raises(PeerSelectionError, match="finite"):
        CityMatrix(("A",), ("x",), np.array([[np.inf]]))
    matrix = CityMatrix(("A",), ("x",), np.zeros((1, 1)))
    assert not matrix.values.flags.writeable


def test_robust_standardisation_resists_an_outlier():
    values = np.array([[1.0], [2.0], [3.0], [4.0], [1000.0]])
    z_plain, _, _ = standardise(values, "zscore")
    z_robust, centres, scales = standardise(values, "robust")
    assert centres[0] == 3.0
    assert math.isclose(scales[0], 1.4826)
    # The ordinary z-score squeezes the four ordinary cities together; the robust one does not.
    assert abs(z_robust[0, 0] - z_robust[3, 0]) > 1.5
    assert abs(z_plain[0, 0] - z_plain[3, 0]) < 0.01


def test_constant_indicator_adds_no_distance():
    matrix = CityMatrix.from_mapping({"A": {"x": 5.0}, "B": {"x": 5.0}, "C": {"x": 5.0}})
    result = find_peers(matrix, "A", {"x": 1}, 2)
    assert [p.distance for p in result.peers] == [0.0, 0.0]
    assert result.scaling["x"] == (5.0, 0.0)


def test_from_observations():
    observations = [
        Observation("FI", "pop", 2016, 628_208.0),
        Observation("FI", "pop", 2017, 1.0),
        Observation("EE", "pop", 2016, None),
        Observation("EE", "nights", 2016, 3.0),
    ]
    matrix = CityMatrix.from_observations(observations, 2016)
    assert matrix.cities == ("EE", "FI")
    assert matrix.indicators == ("nights", "pop")
    assert np.isnan(matrix.values[0, 1]) and matrix.values[1, 1] == 628_208
    with pytest.raises(PeerSelectionError, match="two values"):
        CityMatrix.from_observations([*observations, observations[0]], 2016)


def test_helsinki_peers_from_real_tourism_data():
    parsed = parse_eurostat_tsv(DATA / "urb_ctour.tsv")
    matrix = CityMatrix.from_observations(parsed, 2016)
    # Compare cities with cities: keep "C" codes (no country totals, no greater cities).
    keep = [i for i, code in enumerate(matrix.cities) if len(code) == 7 and code[5] == "C"]
    cities = CityMatrix(
        tuple(matrix.cities[i] for i in keep), matrix.indicators, matrix.values[keep]
    )
    weights = {"CR2001V": 1, "CR2009V": 1, "CR2010I": 1, "CR2011I": 1}
    result = find_peers(cities, "FI001C2", weights, 5, must_include=["EE001C1"])
    assert len(result.peers) == 5
    assert "EE001C1" in {p.city for p in result.peers}
    assert all(p.shared_indicators >= 2 for p in result.peers)
    assert [p.distance for p in result.peers] == sorted(p.distance for p in result.peers)
    assert len(result.peers) + len(result.excluded) < len(cities.cities)
    again = find_peers(cities, "FI001C2", weights, 5, must_include=["EE001C1"])
    assert again == result
