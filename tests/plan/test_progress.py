"""Roll-up of progress from measures to objectives, status lights and overdue updates."""

from collections import Counter
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from citydiplomacy.plan.progress import (
    MeasureState,
    is_update_overdue,
    objective_rollups,
    plan_rollup,
    status_light,
)


def test_objective_progress__is_the_weighted_mean_of_its_measures():
    rollups = objective_rollups(
        [
            MeasureState(1, weight=1, progress=100, status="completed", objective_ids=(7,)),
            MeasureState(2, weight=3, progress=20, status="on_track", objective_ids=(7, 8)),
        ]
    )
    assert rollups[7].progress == (100 + 3 * 20) / 4
    assert rollups[8].progress == 20


def test_cancelled_and_weightless_measures__do_not_count():
    rollups = objective_rollups(
        [
            MeasureState(1, weight=1, progress=50, status="on_track", objective_ids=(1,)),
            MeasureState(2, weight=5, progress=0, status="cancelled", objective_ids=(1,)),
            MeasureState(3, weight=0, progress=0, status="on_track", objective_ids=(1,)),
        ]
    )
    assert rollups[1].progress == 50
    assert rollups[1].measure_count == 3


def test_status_light__worst_news_first():
    assert status_light(Counter(on_track=5, delayed=1)) == "red"
    assert status_light(Counter(on_track=5, at_risk=1)) == "amber"
    assert status_light(Counter(completed=2)) == "green"
    assert status_light(Counter(not_started=2)) == "grey"


def test_overdue__counts_from_last_update_or_creation_and_never_for_closed():
    today = date(2026, 6, 1)
    kwargs = {"interval_days": 90, "created": date(2026, 1, 1), "today": today}
    assert is_update_overdue(status="on_track", last_update=date(2026, 2, 1), **kwargs)
    assert not is_update_overdue(status="on_track", last_update=date(2026, 4, 1), **kwargs)
    assert is_update_overdue(status="on_track", last_update=None, **kwargs)
    assert not is_update_overdue(status="completed", last_update=None, **kwargs)


states = st.lists(
    st.builds(
        MeasureState,
        measure_id=st.integers(1, 10_000),
        weight=st.floats(0, 10),
        progress=st.integers(0, 100),
        status=st.sampled_from(
            ["not_started", "on_track", "at_risk", "delayed", "completed", "cancelled"]
        ),
        objective_ids=st.lists(st.integers(1, 5), max_size=3, unique=True).map(tuple),
    ),
    max_size=40,
)


@given(states)
def test_rollup__stays_within_the_measures_range(measure_states):
    for objective_id, rollup in objective_rollups(measure_states).items():
        counted = [
            s.progress
            for s in measure_states
            if objective_id in s.objective_ids and s.status != "cancelled" and s.weight > 0
        ]
        if counted:
            assert min(counted) - 1e-9 <= rollup.progress <= max(counted) + 1e-9
        else:
            assert rollup.progress is None
    overall = plan_rollup(measure_states)
    assert overall.progress is None or 0 <= overall.progress <= 100
