"""Input handling: sources, format detection, encodings, JSON shapes, and bad input."""

import json
import random
from pathlib import Path

import pytest

from citydiplomacy.decisions.parser import DecisionParseError, detect_format, parse
from tests.decisions.ahjo_fixtures import DATA, SEED, make_pdf, manifest, raw_markups

SAMPLE_12 = DATA / "samples" / "12_fi_khs_2021-12-13_s944_aloite_pinkki_turismi_poydalle.txt"
RAW_12 = DATA / "raw" / "12_fi_khs_2021-12-13_s944_aloite_pinkki_turismi_poydalle.json"


def _error(source, **kwargs) -> str:
    with pytest.raises(DecisionParseError) as caught:
        parse(source, **kwargs)
    message = str(caught.value)
    assert "\n" not in message and message.strip() == message
    assert isinstance(caught.value, ValueError)
    return message


# --- sources and formats ---


def test_path_bytes_and_str_give_the_same_record():
    text = SAMPLE_12.read_text(encoding="utf-8")
    by_path = parse(SAMPLE_12)
    assert parse(str(SAMPLE_12)) == by_path
    assert parse(text, filename=SAMPLE_12.name) == by_path
    assert parse(text.encode("utf-8"), filename=SAMPLE_12.name) == by_path
    assert parse(text)["meeting_date"] is None  # the date was only in the file name


def test_format_is_detected_from_content():
    assert detect_format(make_pdf([["§ 1"]])) == "pdf"
    assert detect_format(RAW_12.read_bytes()) == "json"
    assert detect_format("  <html><body><p>x</p></body></html>") == "html"
    assert detect_format("<div class='paatos'>§ 1</div>") == "html"
    assert detect_format(SEED.read_text(encoding="utf-8")) == "text"


def test_explicit_format_is_obeyed():
    text = SAMPLE_12.read_text(encoding="utf-8")
    assert parse(text, format="text")["section"] == 944
    assert "not a PDF file" in _error(text, format="pdf")
    assert "invalid JSON" in _error(text, format="json")
    with pytest.raises(ValueError, match="format must be one of"):
        parse(text, format="docx")


def test_windows_1252_and_utf16_text_are_decoded():
    text = SAMPLE_12.read_text(encoding="utf-8")
    expected = parse(text)
    assert parse(text.encode("cp1252")) == expected
    assert parse(text.encode("utf-16")) == expected
    assert parse(b"\xef\xbb\xbf" + text.encode("utf-8")) == expected


def test_html_blocks_lists_and_entities():
    markup = (
        '<html lang="sv"><head><title>ignored</title><script>var x;</script></head><body>'
        '<div class="Asiapykala">§ 3</div><h1 class="AsiaOtsikko">Val &amp; beslut</h1>'
        '<div class="DnroTmuoto">HEL 2021-1234 T 00 00 01</div>'
        '<h3 class="SisaltoOtsikko">Beslut</h3><p>Nämnden beslutade följande:</p>'
        "<ul><li><div>första</div></li><li>andra</li></ul><ol><li><p>ett</p></li><li>två</li></ol>"
        "<p>rad ett<br>rad två</p>"
        '<h3 class="LisatiedotOtsikko">Upplysningar</h3><p>Anna Andersson, sekreterare, '
        "telefon: 09 310 12345<div>anna.andersson(a)hel.fi</div></p></body></html>"
    )
    record = parse(markup)
    assert record["language"] == "sv"
    assert record["title"] == "Val & beslut"
    assert record["diary_number"] == "HEL 2021-001234"
    assert record["decision"] == (
        "Nämnden beslutade följande:\n\n- första\n- andra\n1. ett\n2. två\n\nrad ett\n\nrad två"
    )
    assert record["contacts"] == [
        {
            "name": "Anna Andersson",
            "title": "sekreterare",
            "phone": "09 310 12345",
            "email": "anna.andersson@hel.fi",
        }
    ]


def test_decision_web_page_layout():
    # paatokset.hel.fi prints the diary number first and "Asia N. / § " before the title.
    page = (
        "<html><body><nav><a>Etusivu</a><a>Päätökset</a></nav><main>"
        "<h1>Kansainvälisen toiminnan suunnitelma</h1><p>HEL 2017-010458</p>"
        "<p>Asia 4. / 11 §</p><h2>Kaupungin kansainvälisen toiminnan suunnitelma</h2>"
        "<p>Kaupunginhallituksen elinkeinojaosto</p><h3>Päätös</h3>"
        "<p>Kaupunginhallituksen elinkeinojaosto päätti merkitä tiedoksi katsauksen.</p>"
        "</main><footer><p>Helsingin kaupunki</p></footer></body></html>"
    )
    record = parse(page)
    assert record["section"] == 11
    assert record["title"] == "Kaupungin kansainvälisen toiminnan suunnitelma"
    assert record["diary_number"] == "HEL 2017-010458"
    assert record["decision_type"] == "noted"
    assert record["policymaker"] == "Kaupunginhallituksen elinkeinojaosto"


def test_decision_api_json_with_voting_results():
    record = json.loads(RAW_12.read_text(encoding="utf-8"))
    record["VotingResults"] = [
        json.loads((DATA / "api" / "voting_results__fixture_anonymised.json").read_text())
    ]
    parsed = parse(json.dumps([record]))  # a list holding one record is fine
    assert parsed["votes"][0]["yes"] == 11 and parsed["votes"][0]["no"] == 2
    assert parsed["votes"][0]["yes_voters"] == ["Possu Putte", "Doe John", "Doe Jane"]
    assert parsed["votes"][0]["yes_proposal"].startswith("Samalla lautakunta edellyttää")
    assert parsed["policymaker"] == "Kaupunginhallitus"
    assert parsed["meeting_date"] == "2021-12-13"


def test_officeholder_json_without_meeting_is_an_officeholder_decision():
    item = next(i for i in manifest() if i["id"] == 27)
    record = parse(DATA / item["raw"])
    assert record["kind"] == "officeholder_decision"
    assert record["policymaker"] == "Pormestari"
    assert record["meeting_date"] is None


def test_html_field_of_the_api_is_enough():
    item = next(i for i in manifest() if i["id"] == 2)
    record = parse(raw_markups(item)[0])
    assert record["language"] == "sv"
    assert record["decision_type"] == "election"


# --- bad input: one clear line each ---


def test_empty_input():
    assert _error(b"") == "empty input: nothing to parse"
    assert _error(" \n\t\n") == "empty input: nothing to parse"


def test_binary_that_is_not_a_pdf():
    noise = random.Random(7).randbytes(4000)
    assert "binary file that is not a PDF" in _error(noise)
    assert "binary file that is not a PDF" in _error(b"PK\x03\x04" + bytes(range(256)) * 8)


def test_pdf_without_text_layer():
    assert "PDF has no text layer" in _error(make_pdf([[], []]))


def test_damaged_pdf():
    assert _error(b"%PDF-1.4\nnot really a pdf").startswith("unreadable PDF")


def test_html_that_is_not_a_decision():
    page = "<html><body><h1>Tervetuloa</h1><p>Päätökset löytyvät täältä.</p></body></html>"
    assert _error(page) == (
        "HTML input is not a decision record: no section heading and no decision part found"
    )


def test_text_that_is_not_a_decision():
    assert "no section heading and no decision part found" in _error("Hello, world.")


def test_truncated_records():
    lines = SAMPLE_12.read_text(encoding="utf-8").splitlines()
    assert _error("\n".join(lines[:3])) == (
        "truncated record: section heading found but no decision or proposal part"
    )
    assert _error("\n".join(lines[:4])) == "truncated record: the 'Päätös' part is empty"


def test_json_that_is_not_a_decision():
    assert _error('{"Content": ').startswith("invalid JSON")
    assert "list of 2 records" in _error("[{}, {}]")
    assert "meeting with 1 agenda items" in _error('{"Agenda": [{}]}')
    assert "is a case" in _error('{"CaseIDLabel": "HEL 2021-000001", "Records": []}')
    assert "no Content, Motion or HTML" in _error('{"Title": "x"}')
    assert "top level is int" in _error("[1]")


def test_missing_file():
    assert _error("no/such/decision.pdf") == "file not found: no/such/decision.pdf"
    assert _error(Path("no/such/decision.txt")) == "file not found: no/such/decision.txt"


def test_size_limit_on_bytes_and_text():
    data = SAMPLE_12.read_bytes()
    assert "over the 100 bytes limit" in _error(data, max_bytes=100)
    assert "over the 100 bytes limit" in _error(data.decode("utf-8"), max_bytes=100)
    assert parse(data, max_bytes=len(data))["section"] == 944


def test_size_limit_is_checked_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.pdf"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: large on paper, nothing written

    def refuse(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", refuse)
    assert _error(big) == "input is too large: over the 20 MB limit (max_bytes=20971520)"


def test_file_objects_are_read_up_to_the_limit(tmp_path):
    with SAMPLE_12.open("rb") as handle:
        assert parse(handle)["section"] == 944
    with SAMPLE_12.open("rb") as handle:
        assert "too large" in _error(handle, max_bytes=50)


def test_unsupported_source_type():
    with pytest.raises(TypeError):
        parse(12345)


def test_a_directory_is_not_readable(tmp_path):
    assert _error(tmp_path).startswith("cannot read")
