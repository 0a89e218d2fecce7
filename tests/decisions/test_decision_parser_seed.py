"""The seed document: § 11 of the City Board Economic Development Division, 13.11.2017.

It is text extracted from the minutes PDF: wrapped and hyphenated lines, bullet glyphs
lost (the items start with one space), "(a)" for "@".
"""

import pytest

from citydiplomacy.decisions.parser import parse
from tests.decisions.ahjo_fixtures import DATA, SEED, make_pdf

PAGED = DATA / "pdf_text" / "decision_2017-11-13_s11_fi_paged.txt"
OBJECTIVES = [
    "Investointien ja osaajien houkuttelu",
    "Yritysten kansainvälistyminen ja pääsy uusille markkinoille",
    "Helsingin kansainvälisen saavutettavuuden vahvistaminen",
    "EU-edunvalvonnan kärkien selkeyttäminen ja priorisointi",
    "Hyvien kaupunkisuhteiden säilyttäminen ja vahvistaminen keskeisten kaupunkikumppanien kanssa",
    "Kansainvälisten yhteistyöverkostojen ja mahdollisten uusien verkostojäsenyyksien "
    "hyödyntäminen kansainvälisen näkyvyyden, maineenrakennuksen ja elinkeinopoliittisen "
    "yhteistyön vahvistamiseksi",
    "Markkinointiin ja Helsingin kärkiin pohjautuva toimintamalli Helsinkiin suuntautuville "
    "kansainvälisille vierailuille",
]
TOOLS = [
    "Kaupungin kansainvälisen toiminnan koordinointi kaupungin sisällä sekä kaupungin "
    "toimialojen ja yhtiöiden välisen yhteistyön tiivistäminen",
    "Metropolialueen ja kansallisten toimijoiden kanssa tehtävän yhteistyön tiivistäminen",
    "Kansainvälisten Helsinki-tapahtumien järjestäminen (ml. tapahtumille asetettavien "
    "tavoitteiden ja kohteiden valinta vuodelle 2018)",
    "Helsingin Pietarissa ja Brysselissä sijaitsevien toimistojen käyttäminen edunvalvontaan "
    "ja elinkeinopoliittisiin toimenpiteisiin sekä mahdollisten uusien toimistojen "
    "perustaminen",
    "Helsingille relevanttien vertailukaupunkien valinta ja benchmarking-toimenpiteet",
]


@pytest.fixture(scope="module")
def seed():
    return parse(SEED)


def test_seed_identifiers(seed):
    assert seed["section"] == 11
    assert seed["title"] == "Kaupungin kansainvälisen toiminnan suunnitelma"
    assert seed["diary_number"] == "HEL 2017-010458"
    assert seed["classification_code"] == "04 00 00"
    assert seed["language"] == "fi"
    assert seed["kind"] == "minutes_section"
    assert seed["confidential"] is False


def test_seed_decision(seed):
    assert seed["policymaker"] == "Kaupunginhallituksen elinkeinojaosto"
    assert seed["decision"] == (
        "Kaupunginhallituksen elinkeinojaosto päätti merkitä tiedoksi ajankohtaiskatsauksen "
        "kaupungin kansainvälisen toiminnan suunnitelman valmistelusta."
    )
    assert seed["decision_type"] == "noted"
    assert seed["processing"].startswith("Asian aikana kuultavana oli Iina Oilinki.")
    assert seed["votes"] == []
    assert seed["proposal"] == "Päätös on ehdotuksen mukainen."
    assert seed["appeal_type"] == "no_appeal"


def test_seed_people(seed):
    assert seed["presenter"] == {"title": "kansliapäällikkö", "name": "Sami Sarvilinna"}
    # Printed twice in the PDF (after the decision and after the proposal): listed once.
    assert seed["contacts"] == [
        {
            "name": "Iina Oilinki",
            "title": "johtava asiantuntija",
            "phone": "310 23116",
            "email": "iina.oilinki@hel.fi",
        }
    ]


def test_seed_meeting_date_comes_from_the_file_name():
    assert parse(SEED)["meeting_date"] == "2017-11-13"
    # The text itself has no page header with the date.
    assert parse(SEED.read_text(encoding="utf-8"))["meeting_date"] is None


def test_seed_justification_keeps_the_objectives_and_tools_as_lists(seed):
    text = seed["justification"]
    objectives = "\n".join(f"- {item}" for item in OBJECTIVES)
    tools = "\n".join(f"- {item}" for item in TOOLS)
    assert f"ainakin seuraavat:\n\n{objectives}\n\nAlustavina työkaluina" in text
    assert f"tunnistettu ainakin:\n\n{tools}\n\nKokouksessa asiaa" in text
    assert text.count("\n- ") == len(OBJECTIVES) + len(TOOLS)


def test_seed_justification_undoes_line_wraps(seed):
    text = seed["justification"]
    paragraphs = text.split("\n\n")
    assert paragraphs[2].startswith("Hallintosäännön 8 luvun 2 §:n mukaan")  # not a list item
    assert paragraphs[-1] == (
        "Kokouksessa asiaa esittelevät kaupungin kilpailukyvyn kehitys -yksiköstä johtava "
        "asiantuntija Iina Oilinki."
    )
    joined_words = (
        "ulkomaisten",
        "elinkeinopoliittisten",
        "stopover-konseptia",
        "Helsinki priorisoi",
        "elinkeinojaoston tehtävänä",
        "elinkeino-osasto",
        "”Kansainvälinen Helsinki” -työpajassa",
    )
    for joined in joined_words:
        assert joined in text
    assert "-\n" not in text and "  " not in text


def test_seed_with_page_headers_and_footers_reads_the_same(seed):
    paged = parse(PAGED)
    # Page breaks fall inside a hyphenated word and inside a list item.
    assert {k: v for k, v in paged.items() if k != "meeting_date"} == {
        k: v for k, v in seed.items() if k != "meeting_date"
    }
    assert paged["meeting_date"] == "2017-11-13"  # from the page header, not the name
    assert parse(PAGED.read_text(encoding="utf-8"))["meeting_date"] == "2017-11-13"


def test_seed_as_a_pdf_file(seed, tmp_path):
    lines = PAGED.read_text(encoding="utf-8").splitlines()
    pages = [lines[i : i + 60] for i in range(0, len(lines), 60)]
    path = tmp_path / "minutes.pdf"
    path.write_bytes(make_pdf(pages))
    record = parse(path)
    assert record == {**seed, "meeting_date": "2017-11-13"}
