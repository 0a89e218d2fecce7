"""The parsers on the real Eurostat files shipped with the demo data."""

from pathlib import Path

import pytest

from citydiplomacy.benchmarking.observations import (
    Observation,
    build_city_code_mapping,
    city_code_system,
    detect_format,
    parse_coinr,
    parse_databrowser_csv,
    parse_eurostat_tsv,
    read_dictionary,
)

DATA = Path(__file__).resolve().parents[2] / "src/citydiplomacy/demo/data/eurostat"
DICTIONARIES = DATA / "dictionaries"


@pytest.fixture(scope="module")
def ctour():
    return parse_eurostat_tsv(DATA / "urb_ctour.tsv")


@pytest.fixture(scope="module")
def cecfi():
    return parse_eurostat_tsv(DATA / "urb_cecfi.tsv")


@pytest.fixture(scope="module")
def population():
    labels = read_dictionary(DICTIONARIES / "indic_ur.dic")
    return parse_databrowser_csv(DATA / "urb_cpop1_databrowser_2018.csv", indicator_labels=labels)


@pytest.fixture(scope="module")
def city_labels():
    return read_dictionary(DICTIONARIES / "cities.dic")


def test_ctour_counts(ctour):
    # 8,807 rows x 29 years (1990-2018); 50,687 cells carry a value (counted with awk).
    assert ctour.count == 8807 * 29 == 255_403
    assert ctour.value_count == 50_687
    assert len(ctour.cities) == 1008
    assert len(ctour.indicators) == 11
    assert ctour.years == tuple(range(1990, 2019))
    assert ctour.city_dimension == "cities"
    assert ctour.indicator_dimensions == ("indic_ur",)


def test_ctour_helsinki_values(ctour):
    assert ctour.get("FI001C2", "CR2001V", 2016) == Observation(
        "FI001C2", "CR2001V", 2016, 3_576_710.0, ""
    )
    assert ctour.get("FI001C2", "CR1007V", 2011).value == 1_490_665
    assert ctour.get("FI001C2", "CR1007V", 2011).flags == "b"
    assert ctour.get("FI001C2", "CR2010I", 2016).value == 31.2
    assert ctour.get("FI001C2", "CR2001V", 2018) == Observation(
        "FI001C2", "CR2001V", 2018, None, ""
    )
    helsinki = {o.indicator_code for o in ctour if o.city_code == "FI001C2"}
    assert len(helsinki) == 11


def test_ctour_keeps_flags_on_missing_values(ctour):
    # "CR1003I,AT001C1 ... : ep" - not available, but the flags are kept.
    assert ctour.get("AT001C1", "CR1003I", 1999) == Observation(
        "AT001C1", "CR1003I", 1999, None, "ep"
    )


def test_cecfi_counts_and_helsinki(cecfi):
    assert cecfi.count == 1524 * 27
    assert cecfi.value_count == 7353
    assert cecfi.indicators == ("EC2021V", "EC2039V")
    assert cecfi.get("FI001C2", "EC2021V", 2016) == Observation(
        "FI001C2", "EC2021V", 2016, 50_809.0, "p"
    )
    assert cecfi.get("FI001K2", "EC2021V", 2016).value == 73_963


def test_databrowser_population(population):
    assert population.dataset == "urb_cpop1"
    assert population.indicators == ("DE1001V",)
    assert population.years == tuple(range(2008, 2018))
    assert len(population.cities) == 1069  # 28 countries, cities and greater cities
    assert population.count == 1069 * 10
    assert population.get("Helsinki / Helsingfors", "DE1001V", 2016).value == 628_208
    greater = population.get("Helsinki / Helsingfors (greater city)", "DE1001V", 2016)
    assert greater.value == 1_122_101
    assert population.get("Belgium", "DE1001V", 2017).value is None


def test_databrowser_repeated_name_is_greater_city(population):
    assert population.get("Madrid", "DE1001V", 2016).value == 3_165_541
    assert population.get("Madrid (greater city)", "DE1001V", 2016).value == 4_878_277
    assert any("Madrid (line 217)" in note for note in population.notes)


def test_databrowser_without_dictionary_uses_label():
    parsed = parse_databrowser_csv(DATA / "urb_cpop1_databrowser_2018.csv")
    assert parsed.indicators == ("Population on the 1st of January, total",)


def test_dictionaries_read(city_labels):
    indicators = read_dictionary(DICTIONARIES / "indic_ur.dic")
    assert indicators["CR2001V"].startswith("Total nights spent in tourist accommodation")
    assert city_labels["FI001C2"] == "Helsinki / Helsingfors"
    assert city_labels["FI001K2"] == "Helsinki / Helsingfors (greater city)"
    assert city_labels["FI001C"] == "Helsinki/Helsingfors"
    assert len(read_dictionary(DICTIONARIES / "metroreg.dic")) == 422


def test_every_code_in_the_tsv_files_has_a_label(ctour, cecfi, city_labels):
    indicators = read_dictionary(DICTIONARIES / "indic_ur.dic")
    for parsed in (ctour, cecfi):
        assert set(parsed.cities) <= set(city_labels)
        assert set(parsed.indicators) <= set(indicators)


def test_city_code_mapping(city_labels):
    mapping = build_city_code_mapping(city_labels)
    assert mapping.to_new("FI001C2") == "FI001C"
    assert mapping.to_old("FI001C") == ("FI001C2",)
    assert mapping.to_new("FI001K2") is None  # greater cities have no 2021 code
    assert mapping.to_new("NL002C1") == "NL001C"  # Amsterdam was renumbered
    assert mapping.to_new("NL002C2") is None  # "Greater Amsterdam"
    assert mapping.to_new("CH004C1") == "CH001C"  # Bern
    assert mapping.to_new("FR203C1") == "FR203C"  # two new "Marseille": same number wins
    assert mapping.to_new("FI001C") == "FI001C"
    assert "NL002C2" in mapping.unmatched_old
    assert len(mapping.old_to_new) > 850


def test_city_code_system():
    assert city_code_system("FI001C2") == "2017"
    assert city_code_system("FI001C") == "2021"
    assert city_code_system("FI001K2") is None
    assert city_code_system("FI") is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("urb_ctour.tsv", "eurostat-tsv"),
        ("urb_cecfi.tsv", "eurostat-tsv"),
        ("urb_cpop1_databrowser_2018.csv", "eurostat-databrowser-csv"),
    ],
)
def test_detect_format_on_real_files(name, expected):
    head = (DATA / name).read_text(encoding="utf-8")[:4000]
    assert detect_format(head) == expected


def test_source_file_is_shipped():
    text = (DATA / "SOURCE.md").read_text(encoding="utf-8")
    assert "Source: Eurostat" in text


COINR = Path(__file__).resolve().parents[1] / "data/coinr/input"


@pytest.mark.skipif(not (COINR / "ASEM_iData.csv").exists(), reason="COINr reference data absent")
def test_coinr_asem_example():
    data = parse_coinr(COINR / "ASEM_iData.csv", COINR / "ASEM_iMeta.csv")
    parsed = data.parsed
    # 51 countries x (49 indicators + 4 denominators); 63 indicator NAs + LAO's Energy.
    assert parsed.count == 51 * 53
    assert parsed.count - parsed.value_count == 64
    assert parsed.get("AUT", "LPI", 2018).value == 4.097985
    assert len(data.indicators) == 68
    assert sum(1 for item in data.indicators if item.direction == -1) == 14
    flights = next(item for item in data.indicators if item.code == "Flights")
    assert (flights.denominator, flights.parent, flights.unit) == (
        "Population",
        "Physical",
        "Thousand seats",
    )
    assert data.unit_attributes["AUT"]["EurAsia_group"] == "Europe"
    assert data.unit_names["AUT"] == "Austria"
