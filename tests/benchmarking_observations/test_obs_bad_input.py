"""Every kind of broken input raises ObservationFormatError saying what and where."""

import io

import pytest

from citydiplomacy.benchmarking.observations import (
    ObservationFormatError,
    parse_coinr,
    parse_databrowser_csv,
    parse_eurostat_tsv,
    parse_long_csv,
    parse_sdmx_csv,
    parse_wide_csv,
    read_dictionary,
)

HEADER = "indic_ur,cities\\time\t2017 \t2016 \n"


def tsv_error(content: str) -> ObservationFormatError:
    with pytest.raises(ObservationFormatError) as caught:
        parse_eurostat_tsv(io.StringIO(content))
    return caught.value


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("\n\n", "the file is empty"),
        ("indic_ur,cities\t2017 \n", "line 1: broken header: expected e.g."),
        ("indic_ur,cities\\geo\t2017 \n", "line 1: broken header"),
        ("indic_ur,,cities\\time\t2017 \n", "line 1: broken header: '' is not a dimension"),
        ("indic_ur,indic_ur\\time\t2017 \n", "line 1: broken header: column 'indic_ur' appears"),
        ("indic_ur,cities\\time\n", "line 1: broken header: no year columns"),
        ("indic_ur,cities\\time\t2017 \t20x6\n", "line 1, column 3: broken header: '20x6'"),
        ("indic_ur,cities\\time\t2017M01\n", "is not a year"),
        ("indic_ur,cities\\time\t2017 \t2017 \n", "column '2017' appears twice"),
    ],
)
def test_broken_tsv_header(content, message):
    assert message in str(tsv_error(content))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("A,FI\t12x \t1 ", "line 2, column 2017: '12x' is not a number"),
        ("A,FI\t1 \t1 x", "line 2, column 2016: unknown flag 'x' in '1 x'"),
        ("A,FI\t1 \t: pq", "line 2, column 2016: unknown flag 'q'"),
        ("A,FI\t1 \t", "line 2, column 2016: '' is not a value"),
        ("A,FI\t1 \t1 p e", "is not a value"),
        ("A,FI\t1 ", "line 2: expected 2 year values after the codes, found 1"),
        ("A,FI\t1 \t2 \t3 ", "found 3"),
        ("A\t1 \t2 ", "line 2: 'A' does not give 2 comma-separated codes"),
        ("A,\t1 \t2 ", "does not give 2"),
        ("A,FI\tnan \t2 ", "'nan' is not a number"),
        ("A,FI\tinf \t2 ", "'inf' is not a number"),
        ("A,FI\t1_000 \t2 ", "'1_000' is not a number"),
        ("A,FI\t1e999 \t2 ", "'1e999' is too large"),
        ("A,FI\t" + "9" * 400 + " \t2 ", "is too large"),
    ],
)
def test_bad_tsv_row(row, message):
    assert message in str(tsv_error(HEADER + row + "\n"))


def test_error_carries_line_and_column():
    error = tsv_error(HEADER + "A,FI\t1 \t2 \n\nA,SE\t1 \t12x\n")
    assert (error.line, error.column, error.problem) == (4, "2016", "'12x' is not a number")
    assert isinstance(error, ValueError)


def test_duplicate_tsv_row():
    error = tsv_error(HEADER + "A,FI\t1 \t2 \nA,SE\t1 \t2 \nA,FI\t3 \t4 \n")
    assert str(error) == "line 4: duplicate row: city FI, indicator A already on line 2"


def test_duplicate_after_choosing_fewer_dimensions():
    content = "indic_ur,unit,cities\\time\t2019 \nA,PC,FI\t1 \nA,NR,FI\t2 \n"
    with pytest.raises(ObservationFormatError, match="line 3: duplicate row"):
        parse_eurostat_tsv(io.StringIO(content), indicator_dimensions=["indic_ur"])


def test_unknown_dimension_name():
    with pytest.raises(ObservationFormatError, match="no dimension 'geo'"):
        parse_eurostat_tsv(io.StringIO(HEADER), city_dimension="geo")


def test_not_utf8():
    with pytest.raises(ObservationFormatError, match="not UTF-8"):
        parse_eurostat_tsv(io.BytesIO(HEADER.encode() + b"A,FI\t1 \t\xff\n"))


SDMX_HEADER = "DATAFLOW,freq,indic_ur,cities,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("DATAFLOW,indic_ur,cities,OBS_VALUE\n", "line 1: broken header: no TIME_PERIOD"),
        ("DATAFLOW,TIME_PERIOD,OBS_VALUE\n", "no dimension columns"),
        (SDMX_HEADER + "D,A,X,FI,2016,12x,\n", "line 2, column OBS_VALUE: '12x' is not a number"),
        (SDMX_HEADER + "D,A,X,FI,2016,1,k\n", "line 2, column OBS_FLAG: unknown flag 'k'"),
        (SDMX_HEADER + "D,A,X,FI,2016-Q1,1,\n", "line 2, column TIME_PERIOD: '2016-Q1'"),
        (SDMX_HEADER + "D,A,X,,2016,1,\n", "line 2, column cities: empty code"),
        (SDMX_HEADER + "D,A,X,FI,2016,1\n", "line 2: expected 7 columns, found 6"),
        (SDMX_HEADER + "D,A,X,FI,2016,1,\nD,A,X,FI,2016,2,\n", "line 3: duplicate: city FI"),
    ],
)
def test_bad_sdmx(content, message):
    with pytest.raises(ObservationFormatError) as caught:
        parse_sdmx_csv(io.StringIO(content))
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("city,indicator,year\n", "line 1: broken header: no 'value' column"),
        ("city,City,indicator,year,value\n", "column 'city' appears twice"),
        ("city,indicator,year,value\nFI,A,20x0,1\n", "line 2, column year: '20x0' is not a year"),
        ("city,indicator,year,value\nFI,A,2020,1,5\n", "line 2: expected 4 columns"),
        ("city,indicator,year,value\n,A,2020,1\n", "line 2, column city: empty code"),
        ("city,indicator,year,value,flag\nFI,A,2020,1,E\n", "line 2, column flag: unknown flag"),
        ("city,indicator,year,value\nFI,A,2020,1\n\nFI,A,2020,2\n", "line 4: duplicate: FI, A"),
    ],
)
def test_bad_long_csv(content, message):
    with pytest.raises(ObservationFormatError) as caught:
        parse_long_csv(io.StringIO(content))
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("city,indicator,2016,note\n", "line 1, column note: 'note' is not a year"),
        ("city,indicator,2016\nFI,A,12x\n", "line 2, column 2016: '12x' is not a number"),
        ("city,indicator,2016\nFI,A,1\nFI,A,2\n", "line 3: duplicate: FI, A already on line 2"),
        ("place,indicator,2016\n", "broken header: no 'city' column"),
    ],
)
def test_bad_wide_csv(content, message):
    with pytest.raises(ObservationFormatError) as caught:
        parse_wide_csv(io.StringIO(content))
    assert message in str(caught.value)


BROWSER_HEAD = "Title [urb_cpop1],,\nINDIC_UR,Population,\nCITIES/TIME,2016,2017\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Title,,\nINDIC_UR,Population,\n", "no 'CITIES/TIME' line"),
        ("CITIES/TIME,2016,2017\nHelsinki,1,2\n", "no INDIC_UR line"),
        (BROWSER_HEAD + 'Helsinki,"628,20",1\n', "line 4, column 2016: '628,20' is not a number"),
        (BROWSER_HEAD + "Helsinki,1,2\nTallinn,3,4\nHelsinki,5,6\n", "line 6: duplicate"),
        (BROWSER_HEAD + "Helsinki,1,2\n,,\nmore data,1,2\n", "line 6: unexpected line after"),
        (BROWSER_HEAD + "Helsinki,1\n", "line 4: expected 3 columns"),
    ],
)
def test_bad_databrowser(content, message):
    with pytest.raises(ObservationFormatError) as caught:
        parse_databrowser_csv(io.StringIO(content))
    assert message in str(caught.value)


def test_databrowser_unknown_indicator_label():
    content = BROWSER_HEAD + "Helsinki,1,2\n"
    with pytest.raises(ObservationFormatError, match="matches 0 dictionary codes"):
        parse_databrowser_csv(io.StringIO(content), indicator_labels={"X": "Other"})


IMETA = "Level,iCode,Direction,Weight,Parent,Type\n1,A,1,1,,Indicator\n"


@pytest.mark.parametrize(
    ("idata", "imeta", "message"),
    [
        ("uCode,A\nFI,1\n", "iCode,Type\nA,Indicator\n", "iMeta: broken header, missing Level"),
        ("uCode,A\nFI,1\n", IMETA.replace("Indicator", "Index"), "line 2: iMeta: Type 'Index'"),
        ("uCode,A\nFI,1\n", IMETA.replace("A,1,", "A,2,"), "iMeta: Direction of A"),
        ("uCode,A\nFI,1\n", IMETA + "1,A,1,1,,Indicator\n", "iMeta: iCode A appears twice"),
        ("uCode,A\nFI,1\n", IMETA.replace(",,Ind", ",P,Ind"), "parent 'P' of A is not an iCode"),
        ("uCode,A,B\nFI,1,2\n", IMETA, "iData columns not in iMeta: B"),
        ("uCode\nFI\n", IMETA, "iMeta codes with no iData column: A"),
        ("A\n1\n", IMETA, "no uCode column"),
        ("uCode,Time,A\nFI,2020,x\n", IMETA, "line 2, column A: 'x' is not a number"),
        ("uCode,Time,A\nFI,20,1\n", IMETA, "line 2, column Time: '20' is not a year"),
        ("uCode,Time,A\nFI,2020,1\nFI,2020,2\n", IMETA, "line 3: duplicate: unit FI"),
        ("uCode,Time,A\n,2020,1\n", IMETA, "line 2, column uCode: empty code"),
        ("", IMETA, "iData is empty"),
    ],
)
def test_bad_coinr(idata, imeta, message):
    with pytest.raises(ObservationFormatError) as caught:
        parse_coinr(io.StringIO(idata), io.StringIO(imeta))
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("FI001C\n", "line 1: expected 'CODE<TAB>label'"),
        ("FI001C\tHelsinki\nFI001C\tHelsinki\n", "line 2: code FI001C appears twice"),
        ("\tHelsinki\n", "line 1: expected"),
    ],
)
def test_bad_dictionary(content, message):
    with pytest.raises(ObservationFormatError) as caught:
        read_dictionary(io.StringIO(content))
    assert message in str(caught.value)
