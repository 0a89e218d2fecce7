"""Properties: the parser never crashes, and its normalisers are sound."""

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citydiplomacy.decisions.parser import (
    APPEAL_TYPES,
    DECISION_TYPES,
    KINDS,
    RECORD_KEYS,
    DecisionParseError,
    deobfuscate_emails,
    normalize_diary_number,
    parse,
)
from citydiplomacy.decisions.parser.vocabulary import HEADING_ROLES

# Lines that steer the parser into its deeper paths, mixed with arbitrary text.
DECISION_LINES = [
    *HEADING_ROLES,
    "§ 12",
    "3 §",
    "HEL 2020-000001 T 01 02 03",
    "Salassa pidettävä (JulkL (621/1999) 24.1 § 25 k)",
    "Kaupunginhallitus päätti merkitä tiedoksi asian.",
    "1 äänestys",
    "JAA-ehdotus: Esityksen mukaan EI-ehdotus: Palautus",
    "Jaa-äänet: 3",
    "Matti Meikäläinen, Maija Meikäläinen",
    "Tyhjä: 0",
    "• kohta",
    " kohta ilman merkkiä",
    "1.",
    "2. toinen kohta",
    "Nimi Sukunimi, suunnittelija, puhelin: 09 310 12345",
    "nimi.sukunimi(a)hel.fi",
    "1 Liitteen otsikko",
    "Ote",
    "Esitysteksti",
    "MUUTOKSENHAKUKIELTO",
    "Helsingin kaupunki",
    "Pöytäkirja 27/2019 1 (10)",
    "Kaupunginhallitus",
    "17.06.2019",
    "Postiosoite Käyntiosoite Puhelin",
    "",
    "\f",
    "ajankoh-",
    "taiskatsauksen",
]
line = st.one_of(st.sampled_from(DECISION_LINES), st.text(max_size=80))
decision_like_text = st.lists(line, max_size=40).map("\n".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
api_keys = st.sampled_from(
    ["Content", "Motion", "HTML", "Section", "Title", "CaseIDLabel", "Meeting", "Organization",
     "VotingResults", "Attachments", "field_decision_content", "agenda_item", "meeting"]
)  # fmt: skip
api_like = st.dictionaries(api_keys, json_values | decision_like_text, max_size=6)


def _parses_or_refuses(source) -> dict | None:
    """Parse, accepting only a record or DecisionParseError; check the record's types."""
    try:
        record = parse(source)
    except DecisionParseError as exc:
        assert "\n" not in str(exc) and str(exc)
        return None
    assert tuple(record) == RECORD_KEYS
    assert record["section"] is None or isinstance(record["section"], int)
    assert record["language"] in ("fi", "sv")
    assert record["kind"] in KINDS
    assert record["decision_type"] in DECISION_TYPES
    assert record["appeal_type"] is None or record["appeal_type"] in APPEAL_TYPES
    assert isinstance(record["confidential"], bool)
    assert all(isinstance(vote["yes"], int) for vote in record["votes"])
    assert all(set(c) == {"name", "title", "phone", "email"} for c in record["contacts"])
    assert all(isinstance(t, str) for t in record["attachments"] + record["extracts"])
    json.dumps(record)  # plain data only
    return record


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_arbitrary_text_never_crashes(text):
    _parses_or_refuses(text)


@settings(max_examples=300)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(data):
    _parses_or_refuses(data)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=500))
def test_bytes_that_claim_to_be_a_pdf_never_crash(data):
    _parses_or_refuses(b"%PDF-1.4\n" + data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(decision_like_text)
def test_decision_like_text_never_crashes(text):
    _parses_or_refuses(text)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(api_like)
def test_api_like_json_never_crashes(record):
    _parses_or_refuses(json.dumps(record))


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(decision_like_text)
def test_decision_like_html_never_crashes(text):
    markup = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    _parses_or_refuses(f"<html><body>{markup}</body></html>")


local_parts = st.from_regex(r"[a-z][a-z0-9._+-]{0,20}[a-z0-9]", fullmatch=True)
domains = st.from_regex(
    r"[a-z0-9]{1,10}(-[a-z0-9]{1,5})?(\.[a-z0-9]{1,10}){0,2}\.[a-z]{2,6}", fullmatch=True
)


@given(local_parts, domains, st.sampled_from(["(a)", "(at)", "(A)"]))
def test_obfuscated_addresses_are_restored(local, domain, at):
    text = f"Lisätiedot: {local}{at}{domain} (puhelin 09 310 1234)"
    assert deobfuscate_emails(text) == f"Lisätiedot: {local}@{domain} (puhelin 09 310 1234)"


@given(st.text(max_size=200))
def test_deobfuscation_is_idempotent(text):
    once = deobfuscate_emails(text)
    assert deobfuscate_emails(once) == once


@given(st.text(max_size=200).filter(lambda t: "(a" not in t.lower()))
def test_text_without_obfuscated_addresses_is_unchanged(text):
    assert deobfuscate_emails(text) == text


@given(
    st.integers(1900, 2100),
    st.integers(0, 999_999),
    st.sampled_from(["HEL ", "HEL-", "hel-", "HEL", "Hel  "]),
    st.sampled_from(["-", " ", " - "]),
    st.booleans(),
)
def test_diary_numbers_normalise_to_one_form(year, number, prefix, separator, pad):
    digits = f"{number:06d}" if pad else str(number)
    canonical = f"HEL {year}-{number:06d}"
    assert normalize_diary_number(f"{prefix}{year}{separator}{digits}") == canonical
    assert normalize_diary_number(f"Asia {prefix}{year}{separator}{digits} T 04 00 00") == canonical
    assert normalize_diary_number(canonical) == canonical


@given(st.text(max_size=100))
def test_diary_normalisation_gives_canonical_form_or_none(text):
    result = normalize_diary_number(text)
    assert result is None or re.fullmatch(r"HEL \d{4}-\d{6}", result)
    assert result is None or normalize_diary_number(result) == result
