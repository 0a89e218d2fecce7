"""Each supported format, on small hand-written examples."""

import io

import pytest

from citydiplomacy.benchmarking.observations import (
    Observation,
    ObservationFormatError,
    detect_format,
    parse_coinr,
    parse_eurostat_tsv,
    parse_long_csv,
    parse_observations,
    parse_sdmx_csv,
    parse_wide_csv,
)


def text(content: str) -> io.StringIO:
    return io.StringIO(content)


CLASSIC_TSV = (
    "indic_ur,cities\\time\t2018 \t2017 \n"
    "CR2001V,FI001C2\t: \t3576710 p\n"
    "CR2001V,SE001C1\t: c\t45.5 e\n"
)


def test_classic_tsv():
    parsed = parse_eurostat_tsv(text(CLASSIC_TSV))
    assert list(parsed) == [
        Observation("FI001C2", "CR2001V", 2018, None, ""),
        Observation("FI001C2", "CR2001V", 2017, 3_576_710.0, "p"),
        Observation("SE001C1", "CR2001V", 2018, None, "c"),
        Observation("SE001C1", "CR2001V", 2017, 45.5, "e"),
    ]
    assert parsed.dimensions == {"indic_ur": ("CR2001V",), "cities": ("FI001C2", "SE001C1")}
    assert parsed.format == "eurostat-tsv"


def test_api_tsv_with_freq_and_ascending_years():
    parsed = parse_eurostat_tsv(
        text("freq,indic_ur,cities\\TIME_PERIOD\t2020 \t2021 \nA,DE1001V,FI001C\t656920 \t:\n")
    )
    assert parsed.indicators == ("DE1001V",)  # freq has one value, so it is not part of it
    assert parsed.get("FI001C", "DE1001V", 2020).value == 656_920
    assert parsed.dimensions["freq"] == ("A",)


def test_tsv_dimension_that_varies_joins_the_indicator_code():
    parsed = parse_eurostat_tsv(
        text("indic_ur,unit,cities\\time\t2019 \nPS3010V,PC,FI001C\t12 \nPS3010V,NR,FI001C\t3 \n")
    )
    assert parsed.indicators == ("PS3010V.NR", "PS3010V.PC")
    assert parsed.indicator_dimensions == ("indic_ur", "unit")


def test_tsv_constant_unit_is_not_joined():
    parsed = parse_eurostat_tsv(text("indic_ur,unit,cities\\time\t2019 \nPS3010V,PC,FI001C\t12 \n"))
    assert parsed.indicators == ("PS3010V",)


def test_tsv_explicit_dimensions_and_fixed_indicator():
    parsed = parse_eurostat_tsv(
        text("unit,geo\\time\t2019 \nPC,FI001C\t12 \n"), indicator_code="POP"
    )
    assert parsed.get("FI001C", "POP", 2019).value == 12
    parsed = parse_eurostat_tsv(
        text("indic_ur,unit,cities\\time\t2019 \nA,PC,X\t1 \n"), indicator_dimensions=["unit"]
    )
    assert parsed.indicators == ("PC",)


def test_tsv_without_indicator_dimension_needs_a_name():
    with pytest.raises(ObservationFormatError, match="indicator_code"):
        parse_eurostat_tsv(text("cities\\time\t2019 \nFI001C\t12 \n"))


def test_tsv_from_bytes_with_bom_and_crlf():
    raw = "\ufeffindic_ur,cities\\time\t2018 \r\nCR2001V,FI001C2\t1 \r\n".encode()
    parsed = parse_eurostat_tsv(io.BytesIO(raw))
    assert parsed.get("FI001C2", "CR2001V", 2018).value == 1


SDMX = (
    "DATAFLOW,LAST UPDATE,freq,indic_ur,cities,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
    "ESTAT:URB_CTOUR(1.0),21/01/24 23:00:00,A,CR2001V,FI001C,2016,3576710,\n"
    "ESTAT:URB_CTOUR(1.0),21/01/24 23:00:00,A,CR2001V,FI001C,2017,,c\n"
    "ESTAT:URB_CTOUR(1.0),21/01/24 23:00:00,A,CR2001V,FI001C,2018,3.5e6,p\n"
)


def test_sdmx_csv():
    parsed = parse_sdmx_csv(text(SDMX))
    assert parsed.dataset == "ESTAT:URB_CTOUR(1.0)"
    assert list(parsed) == [
        Observation("FI001C", "CR2001V", 2016, 3_576_710.0, ""),
        Observation("FI001C", "CR2001V", 2017, None, "c"),
        Observation("FI001C", "CR2001V", 2018, 3_500_000.0, "p"),
    ]


def test_long_csv_defaults_and_renamed_columns():
    parsed = parse_long_csv(text("City,Indicator,Year,Value,Flag,comment\nFI,POP,2020,5.5,e,x\n"))
    assert list(parsed) == [Observation("FI", "POP", 2020, 5.5, "e")]
    assert parsed.notes == ("ignored columns: comment",)
    parsed = parse_long_csv(
        text("kunta;mittari;vuosi;arvo\nHelsinki;asukkaat;2020;1,5\nEspoo;asukkaat;2020;NA\n"),
        city_column="kunta",
        indicator_column="mittari",
        year_column="vuosi",
        value_column="arvo",
        delimiter=";",
        decimal=",",
    )
    assert [o.value for o in parsed] == [1.5, None]


def test_decimal_comma_rejects_points():
    with pytest.raises(ObservationFormatError, match=r"line 2, column value: '1\.234'"):
        parse_long_csv(
            text("city;indicator;year;value\nA;B;2020;1.234\n"), delimiter=";", decimal=","
        )


def test_wide_csv():
    parsed = parse_wide_csv(text("city,indicator,2016,2017\nFI001C,POP,628208,:\nEE,POP,12 e,\n"))
    assert parsed.get("FI001C", "POP", 2016).value == 628_208
    assert parsed.get("FI001C", "POP", 2017).value is None
    assert parsed.get("EE", "POP", 2016) == Observation("EE", "POP", 2016, 12.0, "e")
    assert parsed.get("EE", "POP", 2017).value is None


IMETA = (
    "Level,iCode,iName,Direction,Weight,Unit,Target,Parent,Type\n"
    "1,Nights,Tourist nights,1,1,nights,,Tourism,Indicator\n"
    "1,Beds,Bed places,1,0.5,,,Tourism,Indicator\n"
    "2,Tourism,Tourism,1,1,,,,Aggregate\n"
    ",Pop,Population,,,,,,Denominator\n"
    ",Region,Region,,,,,,Group\n"
)
IDATA = (
    "uCode,uName,Region,Time,Nights,Beds,Pop\n"
    "FI001C,Helsinki,Nordic,2016,3576710,19631,628208\n"
    "EE001C,Tallinn,Baltic,2016,NA,,426538\n"
)


def test_coinr_pair():
    data = parse_coinr(text(IDATA), text(IMETA))
    assert data.parsed.get("FI001C", "Nights", 2016).value == 3_576_710
    assert data.parsed.get("EE001C", "Nights", 2016).value is None
    assert data.parsed.get("EE001C", "Pop", 2016).value == 426_538
    assert data.parsed.indicators == ("Beds", "Nights", "Pop")
    assert data.unit_names == {"FI001C": "Helsinki", "EE001C": "Tallinn"}
    assert data.unit_attributes["EE001C"] == {"Region": "Baltic"}
    beds = next(item for item in data.indicators if item.code == "Beds")
    assert (beds.level, beds.weight, beds.parent, beds.direction) == (1, 0.5, "Tourism", 1)
    assert next(i for i in data.indicators if i.code == "Tourism").type == "Aggregate"


def test_coinr_without_time_needs_year():
    idata = "uCode,Nights,Beds,Pop,Region\nFI001C,1,2,3,N\n"
    with pytest.raises(ObservationFormatError, match="give the year"):
        parse_coinr(text(idata), text(IMETA))
    data = parse_coinr(text(idata), text(IMETA), year=2020)
    assert data.parsed.years == (2020,)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (CLASSIC_TSV, "eurostat-tsv"),
        (SDMX, "sdmx-csv"),
        ("city,indicator,2016,2017\n", "wide-csv"),
        ("city,indicator,year,value\n", "long-csv"),
        ("hello\n", None),
        ("", None),
    ],
)
def test_detect_format(head, expected):
    assert detect_format(head) == expected


def test_parse_observations_dispatches():
    assert parse_observations(text(SDMX), "sdmx-csv").count == 3
    with pytest.raises(ObservationFormatError, match="unknown format"):
        parse_observations(text(SDMX), "xlsx")


def test_parse_from_path(tmp_path):
    path = tmp_path / "data.tsv"
    path.write_text(CLASSIC_TSV, encoding="utf-8")
    assert parse_eurostat_tsv(path).count == 4
    assert parse_eurostat_tsv(str(path)).count == 4
