"""Bad input to indices and the ranking tracker: a clear error naming the item, nothing written."""

import pytest

from citydiplomacy.benchmarking.models import (
    ComparisonCity,
    CompositeIndex,
    ExternalRanking,
    IndexResult,
    RankingEntry,
    UncertaintyRun,
)
from citydiplomacy.benchmarking.services import importing, indices, rankings

pytestmark = pytest.mark.django_db

SPEC = {"steps": [{"op": "normalise"}, {"op": "aggregate"}]}


@pytest.fixture
def store(small_tsv):
    importing.apply_import(importing.preview_import(small_tsv, "urb_ctour.tsv"))
    ComparisonCity.objects.filter(eurostat_code_2017="FI001C2").update(is_home=True)


def _rows(*rows):
    return [dict(zip(("code", "parent", "weight"), row, strict=True)) for row in rows]


@pytest.mark.parametrize(
    ("hierarchy", "message"),
    [
        (
            _rows(("I", None, 1), ("A", "B", 1), ("B", "A", 1), ("CR2001V", "A", 1)),
            "cycle in the hierarchy: A → B → A",
        ),
        (
            _rows(("I", None, 1), ("CR2001V", "Pillar", 1)),
            "row 2 (CR2001V): orphan: its parent “Pillar” is not in the hierarchy",
        ),
        (
            _rows(("I", None, 1), ("CR2001V", "I", 1), ("CR9999V", "I", 1)),
            "row 3 (CR9999V): unknown indicator code",
        ),
        (_rows(("I", None, 1), ("CR2001V", "I", -2)), "row 2 (CR2001V): the weight -2 is negative"),
        (
            _rows(("I", None, 1), ("CR2001V", "I", 0), ("EC2021V", "I", 0)),
            "The weights of the children of “I” are all zero.",
        ),
        (
            _rows(("I", None, 1), ("CR2001V", "I", 1), ("CR2001V", "I", 1)),
            "row 3 (CR2001V): the code also appears on row 2",
        ),
        (
            _rows(("I", None, 1), ("J", None, 1), ("CR2001V", "I", 1), ("EC2021V", "J", 1)),
            "Exactly one row must have no parent",
        ),
        (
            _rows(("I", None, 1), ("CR2001V", "I", 1), ("EC2021V", "CR2001V", 1)),
            "row 2 (CR2001V): an indicator cannot have children",
        ),
        ([{"code": "I", "weight": "heavy"}], "row 1 (I): the weight must be a number"),
        ("not a list", "The hierarchy must be a non-empty list of rows."),
    ],
)
def test_hierarchy_errors_name_the_row(store, hierarchy, message):
    with pytest.raises(indices.IndexDefinitionError) as caught:
        indices.check_definition(hierarchy, SPEC)
    assert any(message in problem for problem in caught.value.problems["hierarchy"])


def test_unbalanced_hierarchy__levels_explained(store):
    hierarchy = _rows(("I", None, 1), ("P", "I", 1), ("CR2001V", "P", 1), ("EC2021V", "I", 1))
    with pytest.raises(indices.IndexDefinitionError) as caught:
        indices.check_definition(hierarchy, SPEC)
    assert "expected" in caught.value.problems["hierarchy"][0]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"steps": [{"op": "normalize"}]}, "unknown op 'normalize'"),
        ({"steps": [{"op": "aggregate", "methd": "geometric"}]}, "unknown parameter 'methd'"),
        ({"steps": [{"op": "aggregate"}, {"op": "normalise"}]}, "after the aggregate step"),
        ({"stepz": []}, "unknown top-level key 'stepz'"),
    ],
)
def test_spec_errors_name_the_step_and_parameter(store, spec, message):
    hierarchy = _rows(("I", None, 1), ("CR2001V", "I", 1))
    with pytest.raises(indices.IndexDefinitionError) as caught:
        indices.check_definition(hierarchy, spec)
    assert message in caught.value.problems["spec"][0]


def _index(units, spec, hierarchy=None):
    index = CompositeIndex.objects.create(
        name="Test",
        year=2016,
        hierarchy=hierarchy or _rows(("I", None, 1), ("CR2001V", "I", 1), ("EC2021V", "I", 1)),
        spec=spec,
        unit=units["a"],
    )
    index.cities.set(ComparisonCity.objects.filter(eurostat_code_2017="EE001C1"))
    return index


def test_geometric_mean_over_non_positive_values__refused_and_nothing_stored(store, units):
    # Min-max to [0, 100] gives the lowest city a 0; a geometric mean cannot take it.
    spec = {
        "steps": [
            {"op": "normalise", "method": "minmax", "range": [0, 100]},
            {"op": "aggregate", "method": "geometric"},
        ]
    }
    index = _index(units, spec)
    with pytest.raises(indices.IndexRunError, match="geometric"):
        indices.run_index(index)
    assert not IndexResult.objects.exists()


def test_uncertainty_with_bad_factors__refused_and_nothing_stored(store, units):
    result = indices.run_index(_index(units, SPEC))
    with pytest.raises(indices.IndexDefinitionError) as caught:
        indices.start_uncertainty(
            result, {"factors": [{"name": "x", "step": "treat", "values": [1]}]}, 10, 1
        )
    assert "treat" in caught.value.problems["factors"][0]
    assert not UncertaintyRun.objects.exists()


def test_large_uncertainty_runs_as_a_background_task(
    store, units, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(indices, "SYNC_LIMIT", 1)
    result = indices.run_index(_index(units, SPEC))
    factors = {"factors": [{"name": "w", "noise": {"1": 0.2}, "n_sets": 10, "seed": 1}]}
    with django_capture_on_commit_callbacks(execute=True):
        run = indices.start_uncertainty(result, factors, 20, 5)
        assert run.status == "queued"
    run.refresh_from_db()
    assert run.status == "done" and run.run_count == 20


@pytest.fixture
def ranking(units, store):
    return ExternalRanking.objects.create(name="R", publisher="P", unit=units["a"])


def test_ranking_csv__every_error_names_row_and_column_and_nothing_is_written(ranking):
    data = (
        b"year,city,rank,score\n"
        b"2020,FI001C2,3,70.5\n"
        b"20x0,Tallinn,4,\n"
        b"2020,Atlantis,5,\n"
        b"2020,EE001C1,-1,\n"
        b"2021,EE001C1,,abc\n"
        b"2021,EE001C1,,\n"
        b"2020,Helsinki / Helsingfors,6,\n"
    )
    with pytest.raises(rankings.RankingImportError) as caught:
        rankings.import_entries(ranking, data)
    problems = caught.value.problems
    assert "row 3, column year: “20x0” is not a year" in problems
    assert any(p.startswith("row 4, column city: “Atlantis”") for p in problems)
    assert "row 5, column rank: “-1” is not a rank (1, 2, 3…)" in problems
    assert "row 6, column score: “abc” is not a number" in problems
    assert "row 7: give a rank or a score" in problems
    assert any(p.startswith("row 8:") and "already on row 2" in p for p in problems)
    assert not RankingEntry.objects.exists()


def test_ranking_csv__header_without_the_needed_columns(ranking):
    with pytest.raises(rankings.RankingImportError, match="row 1: the header needs"):
        rankings.import_entries(ranking, b"when,where,place\n2020,FI001C2,1\n")


def test_ranking_csv__imports_and_updates(ranking):
    assert rankings.import_entries(
        ranking, b"year;city;rank\n2020;FI001C2;3\n2020;Tallinn;5\n"
    ) == (2, 0)
    assert rankings.import_entries(ranking, b"year,city,rank\n2020,FI001C,2\n") == (0, 1)
    assert RankingEntry.objects.get(city__eurostat_code_2017="FI001C2").rank == 2
    assert RankingEntry.history.filter(ranking_id=ranking.pk).count() == 3
