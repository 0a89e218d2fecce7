"""The English wording of every reason."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from citydiplomacy.visits.triage import Capacity, History, Reason, render
from citydiplomacy.visits.triage.messages import MESSAGES

from .builders import BEIJING, VISIT, request, run

EXAMPLES = {
    "spearhead": "+20 climate spearhead",
    "no_spearhead": "−10 no spearhead theme",
    "geo_city": "+20 high-priority city",
    "geo_country": "+10 medium-priority country EE",
    "geo_region": "+20 SE in a high-priority region",
    "geo_none": "0 no geographic priority for ZZ",
    "leader_level": "+20 delegation led by a minister",
    "business_potential": "0 no business potential",
    "short_notice": "−40 short notice: 3 days (minimum 28) (rule)",
    "notice_ok": "0 notice 63 days",
    "no_capacity": "−25 no capacity on 2025-05-05 – 2025-05-05",
    "capacity_ok": "0 capacity on 2025-05-05 – 2025-05-05",
    "too_long": "−15 visit of 5 days (maximum 3)",
    "length_ok": "0 visit of 1 day",
    "large_delegation": "−10 delegation of 40 (more than 30)",
    "delegation_size_ok": "0 delegation of 5",
    "repeat_visit": "−30 repeat visit within 2 years (previous 2024-02-01)",
    "earlier_visit": "0 earlier visit on 2020-02-01",
    "first_visit": "0 first visit from this organisation",
}


def reasons_of(*requests, **kwargs):
    found = {}
    for req in requests:
        for reason in run(req, **kwargs).reasons:
            found.setdefault(reason.code, reason)
    return found


def all_reasons() -> dict[str, Reason]:
    full = Capacity({VISIT: 1}, max_visits_per_day=1)
    soon = VISIT - timedelta(days=60)
    found = reasons_of(
        request(
            theme_codes={"climate"}, city_id=BEIJING, country_code="CN", leader_level="minister"
        ),
        request(country_code="EE"),
        request(country_code="SE", desired_end=VISIT + timedelta(days=4), delegation_size=40),
        request(desired_start=soon, desired_end=soon),
        request(),
    )
    history = [History([("Example Agency", date(y, 2, 1), "hosted")]) for y in (2024, 2020)]
    for extra in (
        reasons_of(request(), capacity=full),
        reasons_of(request(), history=history[0]),
        reasons_of(request(), history=history[1]),
    ):
        found.update({code: r for code, r in extra.items() if code not in found})
    return found


def test_every_reason_code_has_a_message():
    assert set(all_reasons()) == set(MESSAGES) == set(EXAMPLES)


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_reasons_read_as_documented(code):
    assert render(all_reasons()[code]) == EXAMPLES[code]


def test_message_keys_are_namespaced_codes():
    assert {r.message_key for r in all_reasons().values()} == {f"triage.{c}" for c in EXAMPLES}
