"""The organisation tree keeps its paths right when units are added and moved."""

import pytest

from tests.factories import UnitFactory


def test_subtree__contains_descendants_only(units):
    subtree = set(units["a"].subtree().values_list("code", flat=True))
    assert subtree == {"division-a", "department-a"}


def test_move__descendants_follow(units):
    team = UnitFactory(code="team", parent=units["a_dept"], kind="department")
    units["a_dept"].parent = units["b"]
    units["a_dept"].save()
    team.refresh_from_db()
    assert team.path.startswith(units["b"].path)
    assert set(units["b"].subtree().values_list("code", flat=True)) == {
        "division-b",
        "department-a",
        "team",
    }


def test_move_under_own_descendant__refused(units):
    units["a"].parent = units["a_dept"]
    with pytest.raises(ValueError, match="own ancestor"):
        units["a"].save()
