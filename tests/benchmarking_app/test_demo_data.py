"""The demo's benchmarking data: real Eurostat files, the saved peer set with its explanations,
the example index that reproduces from its stored spec, its uncertainty analysis, and the
follow-up report's section."""

import docx
import pytest
from django.utils import translation

from citydiplomacy.benchmarking import demo
from citydiplomacy.benchmarking.models import (
    ComparisonCity,
    CompositeIndex,
    ExternalRanking,
    ImportBatch,
    IndexResult,
    Observation,
    PeerSet,
    RankingEntry,
    RunStatus,
)
from citydiplomacy.benchmarking.report_sections import BenchmarkingSection
from citydiplomacy.benchmarking.services import indices, peersets

pytestmark = pytest.mark.django_db


def _value(code, indicator, year):
    city = ComparisonCity.objects.get(eurostat_code_2017=code)
    return Observation.objects.values_list("value", "flags").get(
        city=city, indicator__code=indicator, year=year
    )


def test_real_eurostat_files__counts_and_helsinki_values(demo_data):
    batches = {b.dataset: b for b in ImportBatch.objects.all()}
    assert set(batches) == {"urb_ctour", "urb_cecfi", "urb_cpop1"}
    # Cells with a value or a flag are stored; bare ":" cells are not.
    assert batches["urb_ctour"].created_count == 50_687 + 8_077
    assert batches["urb_cecfi"].created_count == 7_360
    assert batches["urb_cpop1"].created_count == 7_182
    assert Observation.objects.count() == 58_764 + 7_360 + 7_182
    assert _value("FI001C2", "CR2001V", 2016) == (3576710.0, "")
    assert _value("FI001C2", "EC2021V", 2016) == (50809.0, "p")
    assert _value("FI001C2", "DE1001V", 2016) == (628208.0, "")  # matched by name
    helsinki = ComparisonCity.objects.get(eurostat_code_2017="FI001C2")
    assert helsinki.eurostat_code_2021 == "FI001C"
    assert helsinki.city.geonameid == 658225
    assert helsinki.is_home
    assert all(b.attribution == "Source: Eurostat" for b in batches.values())


def test_demo__loading_again_adds_nothing(demo_data):
    before = (
        Observation.objects.count(),
        ImportBatch.objects.count(),
        PeerSet.objects.count(),
        IndexResult.objects.count(),
        RankingEntry.objects.count(),
    )
    demo.load()
    after = (
        Observation.objects.count(),
        ImportBatch.objects.count(),
        PeerSet.objects.count(),
        IndexResult.objects.count(),
        RankingEntry.objects.count(),
    )
    assert before == after


def test_peer_set__saved_with_rationale_parameters_and_explanations(demo_data):
    peer_set = PeerSet.objects.get()
    assert "Tallinn" in peer_set.rationale
    assert peer_set.parameters["k"] == 10 and peer_set.year == 2016
    assert peer_set.weights == {"DE1001V": 2.0, "EC2021V": 1.0, "CR2001V": 1.0, "CR2009V": 1.0}
    assert {v["dataset"] for v in peer_set.vintage} == {"urb_ctour", "urb_cecfi", "urb_cpop1"}
    members = list(peer_set.members.select_related("city"))
    assert len(members) == 10 and [m.rank for m in members] == list(range(1, 11))
    tallinn = next(m for m in members if m.city.eurostat_code_2017 == "EE001C1")
    assert tallinn.forced
    for member in members:
        shares = [c["share"] for c in member.contributions if c["share"] is not None]
        assert sum(shares) == pytest.approx(1.0)
    assert any(e["reason"] == "too_few_shared_indicators" for e in peer_set.excluded)
    views = peersets.saved_peers(peer_set)
    assert all(v.summary for v in views)
    assert any("similar" in v.summary or "Closest on" in v.summary for v in views)


def test_demo_index__result_reproduces_from_its_stored_spec(demo_data):
    index = CompositeIndex.objects.get()
    result = index.results.get()
    assert indices.reproduce(result)
    assert result.spec["steps"][0]["op"] == "denominate"
    assert result.unit_count == 11 and result.home_city.eurostat_code_2017 == "FI001C2"
    again = indices.run_index(index)  # from the store's current data and the index's spec
    assert again.scores == result.scores and again.home_rank == result.home_rank
    assert {v["dataset"] for v in result.vintage} == {"urb_ctour", "urb_cecfi", "urb_cpop1"}


def test_demo_index__uncertainty_ranks_and_sensitivity_stored(demo_data):
    run = IndexResult.objects.get().uncertainty_runs.get()
    assert run.status == RunStatus.DONE and run.analysis == "sensitivity"
    assert run.run_count == 100 * (4 + 2)
    assert len(run.rank_stats) == 11
    for stats in run.rank_stats:
        assert 1 <= stats["q5"] <= stats["median"] <= stats["q95"] <= 11
    assert [s["Variable"] for s in run.sensitivity] == [
        "imputation",
        "normalisation",
        "weights",
        "aggregation",
    ]
    assert all(0 <= s["STi"] <= 1.5 for s in run.sensitivity)


def test_report_section__index_rank_with_interval_and_rankings_against_targets(demo_data):
    from django.contrib.auth.models import AnonymousUser

    class Context:
        user = AnonymousUser()

    section = BenchmarkingSection()
    with translation.override("en"):
        data = section.build(Context())
    assert data.home == "Helsinki"
    line = data.indices[0]
    assert line.name == demo.INDEX_NAME and line.rank == IndexResult.objects.get().home_rank
    assert "–" in line.interval
    assert {r.name for r in data.rankings} == {name for name, *_rest in demo.RANKINGS}
    liveable = next(r for r in data.rankings if r.name.startswith("Liveable"))
    assert liveable.latest == "7 (2023)" and liveable.target == "6 (2023)"
    assert liveable.status == "not met" and liveable.is_example
    assert "Source: Eurostat (urb_ctour)" in data.notices
    document = docx.Document()
    with translation.override("en"):
        section.write_docx(document, data)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "City attractiveness (example) 2016" in text and "Source: Eurostat" in text
    assert document.tables[0].rows[1].cells[1].text in {"7 (2023)", "19 (2023)", "2 (2023)"}


def test_report_section__internal_records_hidden_from_the_public(demo_data):
    from django.contrib.auth.models import AnonymousUser

    CompositeIndex.objects.update(visibility="internal")
    ExternalRanking.objects.update(visibility="internal")

    class Context:
        user = AnonymousUser()

    data = BenchmarkingSection().build(Context())
    assert data.indices == [] and data.rankings == []


def test_follow_up_report__benchmarking_section_in_html(demo_data, users):
    from citydiplomacy.reports import followup
    from citydiplomacy.reports.render_pdf import render_html
    from tests.factories import PlanFactory

    plan = PlanFactory(visibility="public")
    report = followup.build_report(plan, users["viewer"], "en")
    html = render_html(report)
    rank = IndexResult.objects.get().home_rank
    assert 'id="section-benchmarking"' in html
    assert f"Helsinki ranks {rank} of 11" in html and "5–95 % interval" in html
    assert "Liveable Cities Index (example)" in html and "not met" in html
    assert "Source: Eurostat (urb_ctour)" in html
