"""PDF page layout: wrapped lines, hyphenation, page headers and footers, lost bullets.

The samples are re-printed as a minutes PDF would print them (wrapped at 72 characters
with Finnish hyphenation, page headers and postal footers, "(a)" for "@") and must
read as the samples themselves do.
"""

import re

import pytest

from citydiplomacy.decisions.parser import parse
from citydiplomacy.decisions.parser.layout import join_words, looks_wrapped
from citydiplomacy.decisions.parser.pages import PAGE_BREAK, strip_page_furniture
from tests.decisions.ahjo_fixtures import (
    FOOTER_FI,
    FOOTER_SV,
    SEED,
    layout_lines,
    make_pdf,
    manifest,
    page_header,
    paginate,
    pdf_text,
    sample_text,
)

SAMPLES = manifest()
IDS = [f"{item['id']:02d}" for item in SAMPLES]
STRUCTURED = (
    "section",
    "title",
    "diary_number",
    "classification_code",
    "language",
    "kind",
    "decision_type",
    "presenter",
    "contacts",
    "appeal_type",
    "attachments",
    "extracts",
    "confidential",
)
TEXT_FIELDS = ("decision", "processing", "proposal", "justification")


def _printed(item: dict, blank_lines: bool = True) -> str:
    body = "Kaupunginvaltuusto" if item["language"] == "fi" else "Stadsfullmäktige"
    header = page_header(item["language"], body, "Kaj/3", "22.10.2025")
    footer = FOOTER_FI if item["language"] == "fi" else FOOTER_SV
    return pdf_text(sample_text(item), header, footer, blank_lines=blank_lines)


def _words(text: str | None) -> list[str]:
    """The words of a Markdown text, without paragraph breaks and list markers."""
    return re.sub(r"(?m)^(?:- |\d+\. )", "", text or "").split()


def _blocks(text: str | None) -> int:
    return len((text or "").split("\n\n"))


@pytest.mark.parametrize("item", SAMPLES, ids=IDS)
def test_printed_sample_reads_like_the_sample(item):
    original, printed = parse(sample_text(item)), parse(_printed(item))
    for field in (*STRUCTURED, "votes"):
        assert printed[field] == original[field], field
    for field in TEXT_FIELDS:
        # Every word is back as it was: hyphenation undone, "(a)" read, headers gone.
        assert _words(printed[field]) == _words(original[field]), field
        # A page break after a full line that ends a sentence cannot be told from a
        # paragraph end: at most one paragraph is joined or split because of it.
        assert abs(_blocks(original[field]) - _blocks(printed[field])) <= 1, field
    assert printed["meeting_date"] == "2025-10-22"  # from the page header
    assert printed["policymaker"] in ("Kaupunginvaltuusto", "Stadsfullmäktige")


@pytest.mark.parametrize("item", SAMPLES, ids=IDS)
def test_printed_sample_without_blank_lines_keeps_its_structure(item):
    # pypdf drops blank lines: paragraphs are then found by line length alone.
    original, printed = parse(sample_text(item)), parse(_printed(item, blank_lines=False))
    for field in STRUCTURED:
        assert printed[field] == original[field], field
    counts = [(v["yes"], v["no"], v["blank"], v["absent"]) for v in original["votes"]]
    assert [(v["yes"], v["no"], v["blank"], v["absent"]) for v in printed["votes"]] == counts
    for field in TEXT_FIELDS:
        assert _words(printed[field]) == _words(original[field]), field


@pytest.mark.parametrize("sample_id", [6, 8, 29])
def test_printed_sample_as_pdf_file(sample_id):
    item = next(i for i in SAMPLES if i["id"] == sample_id)
    body = "Kaupunginvaltuusto" if item["language"] == "fi" else "Stadsfullmäktige"
    header = page_header(item["language"], body, "Kaj/5", "22.10.2025")
    footer = FOOTER_FI if item["language"] == "fi" else FOOTER_SV
    pages = paginate(layout_lines(sample_text(item)), header, footer)
    record, original = parse(make_pdf(pages)), parse(sample_text(item))
    for field in STRUCTURED:
        assert record[field] == original[field], field
    assert record["meeting_date"] == "2025-10-22"
    assert [v["yes"] for v in record["votes"]] == [v["yes"] for v in original["votes"]]


def test_soft_hyphens_are_removed_and_real_ones_kept():
    assert join_words("ajankoh-", "taiskatsauksen") == "ajankohtaiskatsauksen"
    assert join_words("stopover-kon-", "septia") == "stopover-konseptia"
    assert join_words("elinkeino-", "osasto") == "elinkeino-osasto"  # equal vowels
    assert join_words("EU-", "edunvalvonnan") == "EU-edunvalvonnan"  # no vowel: acronym
    assert join_words("benchmarking-", "toimenpiteet") == "benchmarking-toimenpiteet"
    assert join_words("Veli-", "Pekka") == "Veli-Pekka"  # capital after the hyphen
    assert join_words("lauta-", "ja johtokunnat") == "lauta- ja johtokunnat"
    assert join_words("kehitys -yksi-", "köstä") == "kehitys -yksiköstä"
    assert join_words("https://www.hel.fi/", "paatokset") == "https://www.hel.fi/paatokset"
    assert join_words("1,2 % /", "vuosi") == "1,2 % / vuosi"


def test_text_form_is_recognised():
    assert looks_wrapped(SEED.read_text(encoding="utf-8").splitlines())
    for item in SAMPLES:
        assert not looks_wrapped(sample_text(item).splitlines()), item["id"]


def test_page_header_and_footer_are_removed_and_remembered():
    lines = [
        "Helsingin kaupunki Pöytäkirja 27/2019 1 (10)",
        "Kaupunginhallitus",
        "Asia/2",
        "17.06.2019",
        "",
        "Kaupunginhallitus päätti panna asian",
        "",
        *FOOTER_FI,
        "Helsingin kaupunki",
        "Pöytäkirja",
        "27/2019",
        "2 (10)",
        "Kaupunginhallitus",
        "Asia/2",
        "17.06.2019",
        "pöydälle.",
    ]
    kept, page = strip_page_furniture(lines)
    assert kept == ["Kaupunginhallitus päätti panna asian", PAGE_BREAK, "pöydälle."]
    assert (page.policymaker, page.date) == ("Kaupunginhallitus", "2019-06-17")


def test_officeholder_named_on_every_page_is_taken_for_the_header():
    header = ["Helsingin kaupunki", "Päätös", "{page} (2)", "Pormestari", "10.01.2022"]
    pages = paginate([f"Rivi {n} tekstiä." for n in range(60)], header, FOOTER_FI)
    kept, page = strip_page_furniture([line for lines in pages for line in lines])
    assert page.policymaker == "Pormestari"
    assert "Pormestari" not in kept


def test_sentences_starting_with_the_city_name_are_kept():
    lines = ["Helsingin kaupunki kiittää mahdollisuudesta lausua.", "Helsingin kaupunki", "omistaa"]
    kept, page = strip_page_furniture(lines)
    assert kept == lines  # no header words follow: running text
    assert page.date is None


def test_lost_bullet_glyphs_become_list_items_only_inside_lists():
    # As the seed prints its lists: the bullet glyph is gone, one space is left.
    lines = [
        "§ 1",
        "Otsikko",
        "",
        "Päätös",
        "",
        "Lautakunta päätti hyväksyä kansainvälisen toiminnan suunnitelman, jonka",
        "tavoitteina ovat seuraavat:",
        "",
        " Investointien ja osaajien houkuttelu",
        " Yritysten kansainvälistyminen ja pääsy uusille markkinoille sekä toimi-",
        "alojen välisen yhteistyön tiivistäminen",
        " Lisäksi lautakunta edellytti, että suunnitelman toteutumisesta raportoi-",
        "daan lautakunnalle vuosittain.",
        "",
        "Viimeinen kappale.",
    ]
    assert parse("\n".join(lines))["decision"] == (
        "Lautakunta päätti hyväksyä kansainvälisen toiminnan suunnitelman, jonka tavoitteina "
        "ovat seuraavat:\n\n- Investointien ja osaajien houkuttelu\n"
        "- Yritysten kansainvälistyminen ja pääsy uusille markkinoille sekä toimialojen "
        "välisen yhteistyön tiivistäminen\n\n"
        "Lisäksi lautakunta edellytti, että suunnitelman toteutumisesta raportoidaan "
        "lautakunnalle vuosittain.\n\nViimeinen kappale."
    )


def test_numbered_items_and_bullet_glyphs_in_wrapped_text():
    text = "\n".join(
        ["§ 2", "Otsikko", "", "Päätös", "", "Lautakunta päätti:", "", "1. hyväksyä", "",
         "2. merkitä tiedoksi", "", "• kolmas asia", "", "Loppu."]
    )  # fmt: skip
    assert parse(text)["decision"] == (
        "Lautakunta päätti:\n\n1. hyväksyä\n2. merkitä tiedoksi\n- kolmas asia\n\nLoppu."
    )
