"""Benchmark of visit triage against a long history of earlier visits.

Generates (seeded) 10,000 earlier visits by 2,000 organisations (names spelled in several
ways), a plan with spearheads and geographic priorities, a busy visit calendar and 1,000
requests; indexes the history once, triages every request and prints a table of timings
(exit 1 when the median misses 50 ms).
Run: ``.venv/bin/python bench/bench_triage.py [--visits N] [--requests R] [--seed S]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta

from citydiplomacy.visits.triage import (
    BUSINESS_POTENTIALS,
    LEADER_LEVELS,
    Capacity,
    History,
    PlanPriorities,
    VisitRequest,
    triage,
)

THEMES = ["climate", "digitalisation", "culture", "health", "mobility", "education", "sports"]
COUNTRIES = ["CN", "EE", "SE", "NO", "DE", "US", "JP", "KR", "IN", "BR", "RU", "FR", "ZZ"]
SUFFIXES = ["", " Ltd", " Oy", " GmbH", " Inc.", " AB"]
OUTCOMES = ["hosted", "redirected", "declined"]
FIRST = date(2015, 1, 1)
ORGANISATION_WORDS = ["Municipal", "Agency", "Chamber", "Commerce", "Trade", "Digital", "Green"]
ORGANISATION_WORDS += ["Port", "University", "Institute", "Council", "Innovation", "Board"]


def organisation_names(rng: random.Random, count: int) -> list[str]:
    return [f"{' '.join(rng.sample(ORGANISATION_WORDS, 3))} {n}" for n in range(count)]


def spelled(name: str, rng: random.Random) -> str:
    """The name as one requester might write it: other case, "The", a legal form."""
    name = name.upper() if rng.random() < 0.2 else name
    name = f"The {name}" if rng.random() < 0.2 else name
    return name + rng.choice(SUFFIXES)


def synthetic_history(rng: random.Random, names: list[str], visits: int) -> History:
    def visit():
        day = FIRST + timedelta(days=rng.randrange(3650))
        return spelled(rng.choice(names), rng), day, rng.choice(OUTCOMES)

    return History([visit() for _ in range(visits)])


def synthetic_request(rng: random.Random, names: list[str]) -> VisitRequest:
    received = FIRST + timedelta(days=rng.randrange(3650))
    start = received + timedelta(days=rng.randrange(5, 120))
    alternatives = [(start + timedelta(days=d), start + timedelta(days=d + 1)) for d in (7, 14)]
    return VisitRequest(
        organisation_name=spelled(rng.choice(names), rng),
        organisation_type="government",
        country_code=rng.choice(COUNTRIES),
        city_id=rng.choice([None, 1, 2, 3, 4]),
        delegation_size=rng.randrange(1, 50),
        leader_level=rng.choice(LEADER_LEVELS),
        desired_start=start,
        desired_end=start + timedelta(days=rng.randrange(0, 4)),
        alternative_dates=alternatives[: rng.randrange(3)],
        theme_codes=frozenset(rng.sample(THEMES, rng.randrange(4))),
        purpose="Study visit",
        business_potential=rng.choice(BUSINESS_POTENTIALS),
        received_on=received,
    )


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=2018)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    names = organisation_names(rng, 2_000)
    history = synthetic_history(rng, names, args.visits)
    plan = PlanPriorities(
        spearhead_codes={"climate", "digitalisation", "culture"},
        country_levels={"CN": 1, "EE": 1, "RU": 3, "US": 2},
        city_levels={1: 1, 2: 2},
        region_country_levels={"SE": 1, "NO": 1, "DE": 2, "FR": 2},
    )
    busy = {FIRST + timedelta(days=d): rng.randrange(3) for d in range(3800)}
    capacity = Capacity(busy, max_visits_per_day=2)
    requests = [synthetic_request(rng, names) for _ in range(args.requests)]
    index, index_s = timed(history.index)
    times, suggestions = [], {}
    for request in requests:
        result, seconds = timed(triage, request, plan, capacity, index)
        times.append(seconds * 1000)
        suggestions[result.suggestion] = suggestions.get(result.suggestion, 0) + 1
    _, unindexed_s = timed(triage, requests[0], plan, capacity, history)
    rows = [
        ("earlier visits", f"{args.visits:,} ({len(index.by_organisation):,} organisations)"),
        ("History.index()", f"{index_s * 1000:.1f} ms (once)"),
        ("triage median", f"{statistics.median(times):.3f} ms"),
        ("triage p95", f"{sorted(times)[int(0.95 * len(times))]:.3f} ms"),
        ("triage max", f"{max(times):.3f} ms"),
        ("triage without an index", f"{unindexed_s * 1000:.1f} ms (indexes on every call)"),
        ("suggestions", ", ".join(f"{k} {v}" for k, v in sorted(suggestions.items()))),
    ]
    met = statistics.median(times) < 50
    rows.append(("target: triage < 50 ms (median)", "met" if met else "MISSED"))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
