"""k-means grouping of cities."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citydiplomacy.benchmarking.peers import CityMatrix, PeerSelectionError, cluster_cities

# Two obvious groups: small quiet towns and big tourist cities; "Z" has no data.
ROWS = {
    "small1": {"pop": 10.0, "nights": 1.0},
    "small2": {"pop": 12.0, "nights": 1.2},
    "small3": {"pop": 11.0, "nights": None},
    "big1": {"pop": 900.0, "nights": 9.0},
    "big2": {"pop": 950.0, "nights": 9.5},
    "Z": {"pop": None, "nights": None},
}
WEIGHTS = {"pop": 1.0, "nights": 1.0}


def test_two_clear_groups_and_the_home_cluster():
    matrix = CityMatrix.from_mapping(ROWS)
    result = cluster_cities(matrix, WEIGHTS, 2, home="small1")
    assert result.clusters == (("big1", "big2"), ("small1", "small2", "small3"))
    assert result.home_cluster == 1
    assert result.home_members == ("small2", "small3")
    assert result.labels["big2"] == 0
    assert [(e.city, e.reason) for e in result.excluded] == [("Z", "too_few_values")]


def test_home_without_data_has_no_cluster():
    result = cluster_cities(CityMatrix.from_mapping(ROWS), WEIGHTS, 2, home="Z")
    assert result.home_cluster is None
    assert result.home_members == ()


def test_unknown_home_city():
    with pytest.raises(PeerSelectionError, match="unknown city 'X'"):
        cluster_cities(CityMatrix.from_mapping(ROWS), WEIGHTS, 2, home="X")


def test_too_many_clusters():
    with pytest.raises(PeerSelectionError, match="n_clusters must be between 1 and 5"):
        cluster_cities(CityMatrix.from_mapping(ROWS), WEIGHTS, 6)


def test_identical_points_do_not_break_kmeans():
    rows = {f"C{i}": {"x": 1.0} for i in range(4)}
    result = cluster_cities(CityMatrix.from_mapping(rows), {"x": 1}, 3)
    assert sorted(city for cluster in result.clusters for city in cluster) == sorted(rows)


@settings(max_examples=30, deadline=None)
@given(
    values=st.lists(st.floats(-100, 100), min_size=6, max_size=20),
    k=st.integers(1, 4),
    seed=st.integers(0, 2**32 - 1),
)
def test_clustering_is_deterministic_and_a_partition(values, k, seed):
    cities = tuple(f"C{i:02d}" for i in range(len(values) // 2))
    k = min(k, len(cities))
    matrix = CityMatrix(cities, ("x", "y"), np.array(values[: 2 * len(cities)]).reshape(-1, 2))
    first = cluster_cities(matrix, {"x": 1, "y": 2}, k, seed=seed)
    assert first == cluster_cities(matrix, {"x": 1, "y": 2}, k, seed=seed)
    members = [city for cluster in first.clusters for city in cluster]
    assert sorted(members) == list(cities)
    assert all(first.clusters[first.labels[city]].count(city) == 1 for city in cities)
