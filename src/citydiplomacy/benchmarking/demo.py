"""The benchmarking demo: real Eurostat files, a saved peer set for Helsinki, the example index
"City attractiveness" with its uncertainty analysis, and a ranking tracker with three clearly
labelled *example* rankings (invented figures).

``load()`` is idempotent: a file already imported (same checksum) is not imported again, and
records found by name are left as they are.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from django.db import transaction

from citydiplomacy.core.loading import upsert
from citydiplomacy.core.models import OrganisationUnit, Visibility

from .models import (
    ComparisonCity,
    CompositeIndex,
    ExternalRanking,
    ImportBatch,
    PeerSet,
    RankingEntry,
    RankingTarget,
    StatIndicator,
)
from .services import importing, indices, peersets

EUROSTAT = Path(__file__).resolve().parents[1] / "demo" / "data" / "eurostat"
FILES = ("urb_ctour.tsv", "urb_cecfi.tsv", "urb_cpop1_databrowser_2018.csv")
HELSINKI_CODE, HELSINKI_GEONAMEID = "FI001C2", 658225
YEAR = 2016
# code: (fi, sv, en, unit)
NAMES = {
    "DE1001V": ("Väkiluku 1.1.", "Folkmängd 1.1.", "Population on 1 January", "persons"),
    "EC2021V": ("Yritykset", "Företag", "All companies", "companies"),
    "EC2039V": ("Toimipaikat", "Arbetsställen", "Local units of companies", "local units"),
    "CR1003V": ("Elokuvateatteripaikat", "Biografplatser", "Cinema seats", "seats"),
    "CR1003I": (
        "Elokuvateatteripaikat / 1 000 asukasta",
        "Biografplatser / 1 000 invånare",
        "Cinema seats per 1,000 residents",
        "seats per 1,000",
    ),
    "CR1005V": ("Elokuvakäynnit", "Biobesök", "Cinema attendance", "visits a year"),
    "CR1007V": ("Museokäynnit", "Museibesök", "Museum visitors", "visits a year"),
    "CR1008V": ("Teatterit", "Teatrar", "Theatres", "theatres"),
    "CR1010V": ("Yleiset kirjastot", "Allmänna bibliotek", "Public libraries", "libraries"),
    "CR1015V": ("Uimahallit ja maauimalat", "Simhallar och utebad", "Swimming pools", "pools"),
    "CR2001V": (
        "Matkailijoiden yöpymiset",
        "Övernattningar",
        "Nights spent in tourist accommodation",
        "nights a year",
    ),
    "CR2009V": ("Majoituspaikat", "Bäddplatser", "Bed-places for tourists", "bed-places"),
    "CR2010I": (
        "Majoituspaikat / 1 000 asukasta",
        "Bäddplatser / 1 000 invånare",
        "Bed-places per 1,000 residents",
        "beds per 1,000",
    ),
    "CR2011I": (
        "Yöpymiset asukasta kohden",
        "Övernattningar per invånare",
        "Tourist nights per resident",
        "nights per resident",
    ),
}
PEER_WEIGHTS = {"DE1001V": 2, "EC2021V": 1, "CR2001V": 1, "CR2009V": 1}
INDEX_NAME = "City attractiveness (example)"
HIERARCHY = [
    {"code": "ATTR", "parent": None, "weight": 1, "name": "City attractiveness"},
    {"code": "TOUR", "parent": "ATTR", "weight": 1, "name": "Tourism"},
    {"code": "CULT", "parent": "ATTR", "weight": 1, "name": "Culture"},
    {"code": "BUSI", "parent": "ATTR", "weight": 1, "name": "Business"},
    {"code": "CR2011I", "parent": "TOUR", "weight": 2},
    {"code": "CR2010I", "parent": "TOUR", "weight": 1},
    {"code": "CR1007V", "parent": "CULT", "weight": 1, "denominator": "DE1001V"},
    {"code": "CR1003I", "parent": "CULT", "weight": 1},
    {"code": "CR1005V", "parent": "CULT", "weight": 1, "denominator": "DE1001V"},
    {"code": "EC2021V", "parent": "BUSI", "weight": 1, "denominator": "DE1001V"},
]
SPEC = {
    "level_names": ["Indicator", "Pillar", "Index"],
    "steps": [
        {"op": "denominate", "scale_factors": {"EC2021V": 1000}},
        {"op": "impute", "method": "mean"},
        {"op": "treat", "winmax": 2},
        {"op": "normalise", "method": "minmax", "range": [1, 100]},
        {"op": "aggregate", "method": "arithmetic"},
    ],
}
FACTORS = {
    "analysis": "sensitivity",
    "n_boot": 50,
    "factors": [
        {"name": "imputation", "step": "impute", "param": "method", "values": ["mean", "median"]},
        {
            "name": "normalisation",
            "step": "normalise",
            "alternatives": [{"method": "minmax", "range": [1, 100]}, {"method": "rank"}],
        },
        {"name": "weights", "noise": {"1": 0.25, "2": 0.25}, "n_sets": 100, "seed": 1},
        {
            "name": "aggregation",
            "step": "aggregate",
            "param": "method",
            "values": ["arithmetic", "geometric"],
        },
    ],
}
# name, publisher, Helsinki's rank by year 2016-2023, targets {year: rank}
RANKINGS = [
    (
        "Liveable Cities Index (example)",
        "Example Liveability Unit",
        [14, 12, 12, 10, 9, 9, 8, 7],
        {2022: 8, 2023: 6, 2024: 5, 2025: 3},
    ),
    (
        "Innovation Cities Ranking (example)",
        "Example Innovation Agency",
        [31, 28, 29, 24, 22, 25, 21, 19],
        {2022: 22, 2023: 20, 2024: 15, 2025: 10},
    ),
    (
        "Sustainable Cities Ranking (example)",
        "Example Sustainability Institute",
        [6, 6, 5, 4, 5, 3, 3, 2],
        {2022: 3, 2023: 3, 2024: 2, 2025: 1},
    ),
]
RANKING_YEARS = range(2016, 2024)


def load() -> dict[str, int]:
    """Load everything (idempotent); returns counts for the demo's summary."""
    counts = {"benchmark observations": import_files()}
    name_indicators()
    with transaction.atomic():
        home = mark_home()
        unit = _owner_unit()
        peer_set = load_peer_set(home, unit)
        index = load_index(peer_set, unit)
        counts["peer cities"] = peer_set.members.count()
        counts["index results"] = index.results.count()
        counts["example rankings"] = load_rankings(home, peer_set, unit)
    return counts


def import_files() -> int:
    """Import the Eurostat files not imported yet; returns the values created."""
    created = 0
    for name in FILES:
        data = (EUROSTAT / name).read_bytes()
        if ImportBatch.objects.filter(sha256=hashlib.sha256(data).hexdigest()).exists():
            continue  # this very file is in already
        preview = importing.preview_import(data, name)
        importing.apply_import(preview)
        created += preview.created
    return created


def name_indicators() -> None:
    for code, (fi, sv, en, unit) in NAMES.items():
        if StatIndicator.objects.filter(code=code).exists():
            upsert(
                StatIndicator,
                {"code": code},
                {"name": fi, "name_fi": fi, "name_sv": sv, "name_en": en, "unit": unit},
            )


def mark_home() -> ComparisonCity:
    helsinki = ComparisonCity.objects.get(eurostat_code_2017=HELSINKI_CODE)
    from citydiplomacy.core.models import City

    core_city = City.objects.filter(geonameid=HELSINKI_GEONAMEID).first()
    ComparisonCity.objects.filter(is_home=True).exclude(pk=helsinki.pk).update(is_home=False)
    return upsert(
        ComparisonCity,
        {"pk": helsinki.pk},
        {"is_home": True, "city": core_city or helsinki.city},
    )


def _owner_unit() -> OrganisationUnit:
    unit = OrganisationUnit.objects.filter(code="kanslia-kv").first()
    unit = unit or OrganisationUnit.objects.order_by("pk").first()
    if unit is None:
        unit = OrganisationUnit.objects.create(
            code="international-affairs", name="Kansainväliset asiat", kind="division"
        )
    return unit


def load_peer_set(home: ComparisonCity, unit) -> PeerSet:
    existing = PeerSet.objects.filter(name__startswith="Helsinki's structural peers").first()
    if existing:
        return existing
    tallinn = ComparisonCity.objects.filter(eurostat_code_2017="EE001C1").first()
    request = peersets.PeerRequest(
        home=home,
        year=YEAR,
        weights=dict(PEER_WEIGHTS),
        k=10,
        must_include=[tallinn] if tallinn else [],
        min_overlap=len(PEER_WEIGHTS),  # only cities with every structural figure for the year
    )
    selection = peersets.select_peers(request)
    return peersets.save_peer_set(
        selection,
        name=f"Helsinki's structural peers {YEAR} (example)",
        rationale=(
            "Cities most like Helsinki in size (population counted twice), number of companies "
            "and tourism volume (nights and bed-places) in 2016, among the cities that have all "
            "four figures for that year. Tallinn is included by hand: the plan names it a "
            "geographic priority."
        ),
        unit=unit,
        visibility=Visibility.PUBLIC,
        user=None,
    )


def load_index(peer_set: PeerSet, unit) -> CompositeIndex:
    index = CompositeIndex.objects.filter(name=INDEX_NAME).first()
    if index is None:
        index = CompositeIndex.objects.create(
            name=INDEX_NAME,
            description=(
                "An example index: tourism intensity, cultural offer and business density of "
                "Helsinki and its structural peers, built the OECD/JRC way (imputation, "
                "outlier treatment, min-max normalisation, arithmetic aggregation)."
            ),
            hierarchy=HIERARCHY,
            spec=SPEC,
            year=YEAR,
            peer_set=peer_set,
            unit=unit,
            visibility=Visibility.PUBLIC,
        )
    if not index.results.exists():
        result = indices.run_index(index)
        indices.start_uncertainty(result, FACTORS, n=100, seed=2024)
    return index


def load_rankings(home: ComparisonCity, peer_set: PeerSet, unit) -> int:
    peers = [m.city for m in peer_set.members.all()[:6]]
    for number, (name, publisher, helsinki_ranks, targets) in enumerate(RANKINGS):
        ranking = upsert(
            ExternalRanking,
            {"name": name},
            {
                "publisher": publisher,
                "description": "Invented figures for the demo; not a real ranking.",
                "is_example": True,
                "unit": unit,
                "visibility": Visibility.PUBLIC,
            },
        )
        if ranking.entries.exists():
            continue
        rng = random.Random(number)
        entries = [
            RankingEntry(ranking=ranking, year=year, city=home, rank=rank)
            for year, rank in zip(RANKING_YEARS, helsinki_ranks, strict=True)
        ]
        taken = {(year, rank) for year, rank in zip(RANKING_YEARS, helsinki_ranks, strict=True)}
        for peer in peers:
            rank = rng.randint(2, 40)
            for year in RANKING_YEARS:
                rank = max(1, rank + rng.randint(-3, 3))
                while (year, rank) in taken:  # one city per place
                    rank += 1
                taken.add((year, rank))
                entries.append(RankingEntry(ranking=ranking, year=year, city=peer, rank=rank))
        RankingEntry.objects.bulk_create(entries)
        RankingTarget.objects.bulk_create(
            RankingTarget(ranking=ranking, year=year, target_rank=rank)
            for year, rank in targets.items()
        )
    return len(RANKINGS)
