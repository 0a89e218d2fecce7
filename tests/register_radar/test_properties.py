"""Property tests: the fast paths agree with the brute-force reference on random registers."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citydiplomacy.register.radar import (
    ActivityRef,
    Finding,
    RadarConfig,
    RadarIndex,
    check_one,
    duplicates,
    find_duplicates,
    find_overlaps,
    scan,
)
from citydiplomacy.register.radar.table import ActivityTable

from . import reference
from .strategies import activity_fields, registers, windows

SETTINGS = settings(max_examples=200, deadline=None)


def overlap_sets(findings: list[Finding]) -> set[tuple[str, int, frozenset]]:
    return {(f.key_type, f.key_id, frozenset(f.activity_ids)) for f in findings}


def duplicate_tuples(findings: list[Finding]) -> set[tuple]:
    return {(f.key_type, f.key_id, f.activity_ids, f.similarity) for f in findings}


@SETTINGS
@given(registers(), windows, st.booleans())
def test_sweep_equals_brute_force(activities, window, suppress):
    config = RadarConfig(window_days=window, suppress_country_repeats=suppress)
    found = find_overlaps(ActivityTable.from_refs(activities), config)
    assert overlap_sets(found) == reference.overlap_findings(activities, window, suppress)


@SETTINGS
@given(registers(), windows)
def test_overlap_findings_describe_their_activities(activities, window):
    by_id = {a.id: a for a in activities}
    found = find_overlaps(ActivityTable.from_refs(activities), RadarConfig(window_days=window))
    assert found == sorted(found, key=Finding.sort_key)
    for finding in found:
        members = [by_id[i] for i in finding.activity_ids]
        assert finding.activity_ids == tuple(sorted(finding.activity_ids))
        assert finding.unit_ids == tuple(sorted({a.unit_id for a in members}))
        assert len(finding.unit_ids) >= 2
        assert finding.start == min(a.start for a in members)
        assert finding.end == max(a.end for a in members)
        assert finding.confidential == any(a.confidential for a in members)


@SETTINGS
@given(registers(), st.sampled_from([0.5, 0.8, 1.0]), st.integers(0, 3))
def test_blocked_duplicates_equal_all_pairs(activities, threshold, gap):
    config = RadarConfig(duplicate_threshold=threshold, duplicate_gap_days=gap)
    found = find_duplicates(ActivityTable.from_refs(activities), config)
    assert found == sorted(found, key=Finding.sort_key)
    assert duplicate_tuples(found) == reference.duplicate_findings(activities, threshold, gap)


@SETTINGS
@given(registers(), st.sampled_from([0, 1, 3]))
def test_titles_with_many_candidates_compared_by_slices_give_the_same_pairs(activities, wide):
    # In production only long projects on busy keys exceed WIDE; here every title does.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(duplicates, "WIDE", wide)
        found = find_duplicates(ActivityTable.from_refs(activities))
    assert duplicate_tuples(found) == reference.duplicate_findings(activities)


@SETTINGS
@given(registers(), st.randoms(use_true_random=False))
def test_input_order_does_not_matter(activities, rng: random.Random):
    shuffled = activities[:]
    rng.shuffle(shuffled)
    assert scan(shuffled) == scan(activities)


def mirrored(activity: ActivityRef) -> ActivityRef:
    """The activity with time running backwards (around 2020-01-01)."""
    pivot = date(2020, 1, 1)
    return replace(
        activity, start=pivot - (activity.end - pivot), end=pivot - (activity.start - pivot)
    )


@SETTINGS
@given(registers(), windows)
def test_reversing_time_finds_the_same_overlaps(activities, window):
    # The sweep runs forwards in time; overlapping is symmetric, so running the register
    # backwards must give the same groups of activities.
    config = RadarConfig(window_days=window)
    forwards = find_overlaps(ActivityTable.from_refs(activities), config)
    backwards = find_overlaps(ActivityTable.from_refs(map(mirrored, activities)), config)
    assert overlap_sets(forwards) == overlap_sets(backwards)


@SETTINGS
@given(registers(), st.data(), windows)
def test_check_one_agrees_with_the_full_scan(activities, data, window):
    edited = bool(activities) and data.draw(st.booleans(), label="edit an existing activity")
    new_id = activities[0].id if edited else 5000
    new = data.draw(activity_fields(new_id), label="new activity")
    config = RadarConfig(window_days=window, suppress_country_repeats=False)
    result = check_one(new, RadarIndex.build(activities, config))
    after = [a for a in activities if a.id != new.id] + [new]
    full = scan(after, config)
    # Overlaps: per key, the activity and its direct neighbours, inside its full-scan run.
    for finding in result.overlaps:
        neighbours = reference.neighbours(after, new, finding.key_type, finding.key_id, window)
        assert set(finding.activity_ids) == neighbours | {new.id}
        runs = [
            set(f.activity_ids)
            for f in full.overlaps
            if (f.key_type, f.key_id) == (finding.key_type, finding.key_id)
        ]
        assert any(set(finding.activity_ids) <= run for run in runs)
    reported = {(f.key_type, f.key_id) for f in result.overlaps}
    expected = {(f.key_type, f.key_id) for f in full.overlaps if new.id in f.activity_ids}
    assert reported == expected
    # Duplicates: exactly the full scan's pairs that involve the activity.
    involving = [f for f in full.duplicates if new.id in f.activity_ids]
    assert duplicate_tuples(result.duplicates) == duplicate_tuples(involving)


@SETTINGS
@given(registers(), st.data())
def test_check_one_suppresses_country_repeats_of_city_findings(activities, data):
    new = data.draw(activity_fields(5000))
    result = check_one(new, RadarIndex.build(activities))
    raw = check_one(new, RadarIndex.build(activities, RadarConfig(suppress_country_repeats=False)))
    cities = [set(f.activity_ids) for f in raw.overlaps if f.key_type == "city"]
    expected = [
        f
        for f in raw.overlaps
        if f.key_type != "country" or not any(set(f.activity_ids) <= c for c in cities)
    ]
    assert result.overlaps == expected


def test_many_units_in_one_city_make_one_finding_not_pairs():
    start = date(2019, 5, 1)
    days = [start + timedelta(days=i % 30) for i in range(50)]
    crowd = [
        ActivityRef(i, i % 5, f"Trip {i}", day, day, city_ids=frozenset({1}))
        for i, day in enumerate(days)
    ]
    found = find_overlaps(ActivityTable.from_refs(crowd))
    assert [(f.key_type, len(f.activity_ids), len(f.unit_ids)) for f in found] == [("city", 50, 5)]


def widened(activity: ActivityRef) -> ActivityRef:
    """The activity with ids far beyond the small-range fast paths (flags, radix digits)."""
    big = 10**12
    return replace(
        activity,
        id=activity.id * big + 1,
        unit_id=activity.unit_id * big - 5,
        city_ids=frozenset(key * big for key in activity.city_ids),
        country_ids=frozenset(key * big for key in activity.country_ids),
        partner_ids=frozenset(key * big for key in activity.partner_ids),
    )


def narrowed(finding: Finding) -> tuple:
    big = 10**12
    return (
        finding.kind,
        finding.key_type,
        finding.key_id // big,
        tuple((i - 1) // big for i in finding.activity_ids),
        tuple((u + 5) // big for u in finding.unit_ids),
        finding.start,
        finding.end,
        finding.similarity,
        finding.confidential,
    )


@SETTINGS
@given(registers(), windows)
def test_huge_ids_take_the_general_paths_and_find_the_same(activities, window):
    config = RadarConfig(window_days=window)
    small = scan(activities, config)
    huge = scan([widened(a) for a in activities], config)
    assert [narrowed(f) for f in huge.findings] == [tuple(f) for f in small.findings]
