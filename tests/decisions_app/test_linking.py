"""Suggestions: which plan items a decision is about, ranked, with reasons a person can read."""

import pytest

from citydiplomacy.decisions import services
from citydiplomacy.decisions.linking import (
    Candidate,
    DecisionFacts,
    WordIndex,
    coverage,
    fold,
    suggest,
)
from citydiplomacy.decisions.models import LinkStatus
from citydiplomacy.decisions.parser import parse

from .conftest import SEED, SEED_PLAN, UNRELATED_OBJECTIVES


def test_folding_and_inflection():
    assert fold("Päätös") == "paatos"
    index = WordIndex("Investointien ja osaajien houkuttelua edistetään.")
    assert index.contains("osaajat") and index.contains("houkuttelu")
    assert not index.contains("osasto")  # shares only "osa"
    share, words = coverage("Osaajien houkuttelu", index)
    assert words == ["Osaajien", "houkuttelu"]
    assert share == pytest.approx(2 / 3)  # two words: discounted, few words say little


def _seed_facts() -> DecisionFacts:
    record = parse(SEED)
    return DecisionFacts(
        title=record["title"],
        text=record["justification"],
        diary_number=record["diary_number"],
        classification_code=record["classification_code"],
        year=2017,
    )


def _candidates() -> list[Candidate]:
    plan = [Candidate(("plan", 1), "plan", SEED_PLAN["title"]["fi"], years=(2018, 2021))]
    ours = [
        Candidate(("objective", n), "objective", texts["fi"], years=(2018, 2021))
        for n, texts in enumerate(SEED_PLAN["objectives"], start=1)
    ]
    others = [
        Candidate(("objective", 100 + n), "objective", title, years=(2018, 2021))
        for n, title in enumerate(UNRELATED_OBJECTIVES)
    ]
    return plan + ours + others


def test_seed__plan_first_then_its_seven_objectives_and_nothing_unrelated():
    suggestions = suggest(_seed_facts(), _candidates())
    keys = [s.key for s in suggestions]
    assert keys[0] == ("plan", 1)
    assert sorted(keys[1:]) == [("objective", n) for n in range(1, 8)]
    reasons = {r["code"] for r in suggestions[0].reasons}
    assert reasons == {"similar_text", "classification", "period"}


def test_same_case_is_a_strong_reason():
    facts = DecisionFacts(title="Aivan muu asia", text="", diary_number="HEL 2017-010458")
    linked = Candidate(("measure", 1), "measure", "Jotain", frozenset({"HEL 2017-010458"}))
    (suggestion,) = suggest(facts, [linked, Candidate(("measure", 2), "measure", "Jotain")])
    assert suggestion.key == ("measure", 1)
    assert suggestion.reasons == [{"code": "same_case", "diary_number": "HEL 2017-010458"}]


def test_a_plan_of_the_decisions_time_ranks_above_a_later_version():
    later = Candidate(("plan", 2), "plan", SEED_PLAN["title"]["fi"], years=(2026, 2029))
    suggestions = suggest(_seed_facts(), [later, *_candidates()])
    assert [s.key for s in suggestions[:2]] == [("plan", 1), ("plan", 2)]
    assert suggestions[0].score > suggestions[1].score


def test_import__suggests_the_plan_and_objectives_with_readable_reasons(office, seed_plan):
    decision = services.import_files([SEED]).decisions[0]
    links = list(decision.links.order_by("-score"))
    assert links[0].plan == seed_plan
    assert {link.objective.number for link in links[1:]} == set(range(1, 8))
    assert all(link.status == LinkStatus.SUGGESTED for link in links)
    assert not decision.links.filter(objective__plan__title="Palveluverkkosuunnitelma").exists()


def test_resuggesting_keeps_what_people_decided(office, seed_plan, users):
    decision = services.import_files([SEED]).decisions[0]
    plan_link = decision.links.get(plan=seed_plan)
    rejected = decision.links.get(objective__number=1)
    services.confirm_link(plan_link, users["coordinator"])
    services.reject_link(rejected, users["coordinator"])
    seed_plan.objectives.filter(number=2).update(
        title="Koulujen remontit", title_fi="Koulujen remontit"
    )

    services.suggest_links(decision)

    statuses = dict(decision.links.values_list("pk", "status"))
    assert statuses[plan_link.pk] == LinkStatus.CONFIRMED
    assert statuses[rejected.pk] == LinkStatus.REJECTED
    assert not decision.links.filter(objective__number=2).exists()  # no longer suggested
    plan_link.refresh_from_db()
    assert plan_link.decided_by == users["coordinator"] and plan_link.decided_at
