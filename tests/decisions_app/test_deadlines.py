"""Deadlines in a decision's text become proposed follow-ups with a real due date."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citydiplomacy.decisions.deadlines import Deadline, find_deadlines


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Suunnitelma tuodaan päätettäväksi vuoden 2017 loppuun mennessä.", date(2017, 12, 31)),
        ("Selvitys annetaan 31.12.2017 mennessä.", date(2017, 12, 31)),
        ("Selvitys annetaan viimeistään 15.3.2019.", date(2019, 3, 15)),
        ("Raportti valmistuu syksyllä 2018.", date(2018, 11, 30)),
        ("Malli otetaan käyttöön kevään 2019 aikana.", date(2019, 5, 31)),
        ("Ohjelma laaditaan kesäkuun 2020 loppuun mennessä.", date(2020, 6, 30)),
        ("Asia tuodaan valtuustoon syyskaudella 2021.", date(2021, 12, 31)),
        ("Tavoitteena on hiilineutraalius vuoteen 2035 mennessä.", date(2035, 12, 31)),
        ("Ehdotus tehdään kevääseen 2024 mennessä.", date(2024, 2, 29)),
    ],
)
def test_finnish_deadlines(text, due):
    assert find_deadlines(text, "fi") == [Deadline(text, due)]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Planen ska vara klar före utgången av 2017.", date(2017, 12, 31)),
        ("Rapporten ges senast 31.12.2017.", date(2017, 12, 31)),
        ("Utredningen görs under hösten 2018.", date(2018, 11, 30)),
        ("Modellen tas i bruk under våren 2019.", date(2019, 5, 31)),
        ("Svaret ges senast den 15 mars 2020.", date(2020, 3, 15)),
        ("Programmet är klart senast i juni 2021.", date(2021, 6, 30)),
    ],
)
def test_swedish_deadlines(text, due):
    assert find_deadlines(text, "sv") == [Deadline(text, due)]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("The plan is ready by the end of 2017.", date(2017, 12, 31)),
        ("A report follows in autumn 2018.", date(2018, 11, 30)),
        ("The office opens by June 2019.", date(2019, 6, 30)),
        ("Answers are due by 31 December 2020.", date(2020, 12, 31)),
        ("Answers are due no later than March 1, 2021.", date(2021, 3, 1)),
    ],
)
def test_english_deadlines(text, due):
    assert find_deadlines(text, "en") == [Deadline(text, due)]


def test_excerpt_is_the_sentence_and_several_deadlines_are_kept_apart():
    text = (
        "Kaupunginhallitus päätti asiasta. Selvitys tehdään syksyllä 2018 ja "
        "toteutus kevään 2019 aikana. Muuta ei päätetty."
    )
    sentence = "Selvitys tehdään syksyllä 2018 ja toteutus kevään 2019 aikana."
    assert find_deadlines(text, "fi") == [
        Deadline(sentence, date(2018, 11, 30)),
        Deadline(sentence, date(2019, 5, 31)),
    ]


def test_a_list_item_is_an_excerpt_of_its_own():
    text = "Tehtävät:\n\n- selvitys 31.12.2018 mennessä\n- raportti vuoden 2019 aikana"
    assert [d.excerpt for d in find_deadlines(text, "fi")] == [
        "- selvitys 31.12.2018 mennessä",
        "- raportti vuoden 2019 aikana",
    ]


def test_dates_that_do_not_exist_and_mere_years_are_not_deadlines():
    assert find_deadlines("Selvitys annetaan 31.2.2017 mennessä.", "fi") == []
    assert find_deadlines("Vuonna 2017 kaupunki kasvoi.", "fi") == []
    assert find_deadlines("Stadens budget för 2017 godkändes.", "sv") == []
    assert find_deadlines("", "fi") == []


def test_long_sentence_is_shortened_around_the_deadline():
    text = "Alku " + "sana " * 200 + "vuoden 2020 loppuun mennessä " + "sana " * 200 + "."
    (deadline,) = find_deadlines(text, "fi")
    assert len(deadline.excerpt) <= 302
    assert "vuoden 2020 loppuun mennessä" in deadline.excerpt
    assert deadline.excerpt.startswith("…") and deadline.excerpt.endswith("…")


def test_the_seeds_deadlines():
    from citydiplomacy.decisions.parser import parse

    from .conftest import SEED

    found = find_deadlines(parse(SEED)["justification"], "fi")
    assert [d.due_date for d in found] == [
        date(2017, 11, 30),
        date(2017, 11, 30),
        date(2017, 12, 31),
    ]
    assert found[-1].excerpt == (
        "Suunnitelma on tarkoitus tuoda elinkeinojaoston päätettäväksi "
        "vuoden 2017 loppuun mennessä."
    )


WORDS = st.sampled_from(
    [
        "vuoden",
        "loppuun",
        "mennessä",
        "syksyllä",
        "kevään",
        "aikana",
        "senast",
        "före",
        "utgången",
        "av",
        "under",
        "hösten",
        "by",
        "the",
        "end",
        "of",
        "in",
        "autumn",
        "31.12.",
        "29.2.",
        "kesäkuun",
        "juni",
        "June",
        "31",
        "december",
        ".",
        "\n\n",
        "- ",
    ]
)
YEARS = st.integers(min_value=1800, max_value=2300).map(str)


@given(
    st.lists(st.one_of(WORDS, YEARS, st.text(max_size=8)), max_size=40),
    st.sampled_from(["fi", "sv", "en", "de", ""]),
)
def test_never_crashes_and_dates_are_real(parts, language):
    text = " ".join(parts)
    for deadline in find_deadlines(text, language):
        assert isinstance(deadline.due_date, date)
        assert 1900 <= deadline.due_date.year <= 2199
        assert deadline.excerpt.strip("…") in " ".join(text.split())


@given(st.text())
def test_never_crashes_on_any_text(text):
    assert isinstance(find_deadlines(text, "fi"), list)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_every_written_date_is_found(day):
    fi = f"Selvitys annetaan {day.day}.{day.month}.{day.year} mennessä."
    sv = f"Rapporten ges senast {day.day}.{day.month}.{day.year}."
    assert [d.due_date for d in find_deadlines(fi, "fi")] == [day]
    assert [d.due_date for d in find_deadlines(sv, "sv")] == [day]
