"""Hypothesis strategies: small random registers that crowd a few keys and dates."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from citydiplomacy.register.radar import ActivityRef

BASE = date(2019, 1, 1)
TITLES = [
    "Smart city delegation to Beijing",
    "Smart City delegation to Beijing 2019",
    "smart city delegation beijing",
    "Delegation to Beijing – smart city",
    "Delegaatio Pekingiin: smart city",
    "Climate forum",
    "Climate forum Oslo",
    "Mobility workshop",
    "",
]

titles = st.one_of(st.sampled_from(TITLES), st.text(alphabet="abc é-", max_size=12))
key_sets = st.frozensets(st.integers(1, 3), max_size=2)


@st.composite
def activity_fields(draw, activity_id: int) -> ActivityRef:
    start = BASE + timedelta(days=draw(st.integers(0, 60)))
    return ActivityRef(
        id=activity_id,
        unit_id=draw(st.integers(1, 3)),
        title=draw(titles),
        start=start,
        end=start + timedelta(days=draw(st.integers(0, 20))),
        city_ids=draw(key_sets),
        country_ids=draw(key_sets),
        partner_ids=draw(key_sets),
        confidential=draw(st.booleans()),
    )


@st.composite
def registers(draw, max_size: int = 18) -> list[ActivityRef]:
    """Activities with distinct ids (not in id order)."""
    ids = draw(st.lists(st.integers(1, 1000), unique=True, max_size=max_size))
    return [draw(activity_fields(activity_id)) for activity_id in ids]


windows = st.integers(0, 20)
