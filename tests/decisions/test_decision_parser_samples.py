"""Every field of the 28 real samples, read from their text and from their API JSON."""

import re

import pytest

from citydiplomacy.decisions.parser import DECISION_TYPES, KINDS, RECORD_KEYS, parse
from tests.decisions.ahjo_fixtures import (
    DATA,
    TEXT_DEVIATIONS,
    expected_from_json,
    expected_from_text,
    html_contact_emails,
    html_has_heading,
    html_presenter_lines,
    manifest,
    raw_markups,
    sample_text,
)

SAMPLES = manifest()
IDS = [f"{item['id']:02d}" for item in SAMPLES]
JUSTIFICATION_HEADINGS = (
    "Esittelijän perustelut",
    "Päätöksen perustelut",
    "Föredragandens motiveringar",
)
PROPOSAL_HEADINGS = ("Päätösehdotus", "Esitysehdotus", "Lausuntoehdotus", "Beslutsförslag")
COMPARED = (
    "section",
    "title",
    "diary_number",
    "classification_code",
    "language",
    "kind",
    "policymaker",
    "decision_type",
    "appeal_type",
    "attachments",
    "extracts",
    "confidential",
)


@pytest.fixture(scope="module", params=SAMPLES, ids=IDS)
def sample(request):
    item = request.param
    return item, parse(DATA / item["file"]), parse(DATA / item["raw"])


def test_sample_set_is_complete():
    assert len(SAMPLES) == 28
    assert {item["language"] for item in SAMPLES} == {"fi", "sv"}


def test_record_has_exactly_the_contract_keys(sample):
    _, from_text, from_json = sample
    assert tuple(from_text) == RECORD_KEYS
    assert tuple(from_json) == RECORD_KEYS
    assert from_text["decision_type"] in DECISION_TYPES
    assert from_text["kind"] in KINDS


@pytest.mark.parametrize("field", COMPARED)
def test_text_field_matches_manifest(sample, field):
    item, record, _ = sample
    assert record[field] == expected_from_text(item)[field]


def test_processing_and_votes_match_manifest_flags(sample):
    item, record, _ = sample
    expected = expected_from_text(item)
    assert (record["processing"] is not None) == expected["has_processing"]
    assert bool(record["votes"]) == expected["has_votes"]


def test_meeting_date_from_text_comes_only_from_the_file_name(sample):
    item, record, _ = sample
    date = (item["meeting_date"] or "")[:10]
    assert record["meeting_date"] == (date if date and date in item["file"] else None)


def test_decision_starts_with_the_manifest_sentence(sample):
    item, record, _ = sample
    start = item["decision_text_start"]
    if start is None:
        assert record["decision"] is None and record["confidential"]
    else:
        assert " ".join(record["decision"].split()).startswith(" ".join(start.split()))


def test_presenter_matches_raw_html(sample):
    item, record, _ = sample
    lines = html_presenter_lines(item)
    expected = {"title": lines[0], "name": lines[1] if len(lines) > 1 else None} if lines else None
    assert record["presenter"] == expected


def test_contact_emails_match_raw_html(sample):
    item, record, from_json = sample
    emails = html_contact_emails(item)
    assert {c["email"] for c in record["contacts"]} == emails
    assert {c["email"] for c in from_json["contacts"]} == emails
    assert all(c["name"] for c in record["contacts"])


def test_justification_and_proposal_present_when_the_html_has_them(sample):
    item, record, _ = sample
    has_justification = html_has_heading(item, *JUSTIFICATION_HEADINGS)
    assert (record["justification"] is not None) == has_justification
    has_proposal = html_has_heading(item, *PROPOSAL_HEADINGS, "Esitysehdotus")
    assert (record["proposal"] is not None) == has_proposal


def test_json_fields_match_the_raw_record(sample):
    item, _, record = sample
    expected = expected_from_json(item)  # samples 01/02 carry none of these fields
    for field, value in expected.items():
        assert record[field] == value, field


def test_json_and_text_agree_on_the_text_fields(sample):
    item, from_text, from_json = sample
    # Sample 21's text lost a bullet that its HTML has; all else is rendered alike.
    fields = ["section", "title", "language", "kind", "decision_type", "processing", "votes"]
    fields += ["presenter", "contacts", "appeal_type", "justification", "extracts"]
    fields += [] if item["id"] == 21 else ["decision", "proposal"]
    for field in fields:
        assert from_json[field] == from_text[field], field


def test_html_of_the_raw_record_reads_like_its_text(sample):
    item, from_text, _ = sample
    html = "\n".join(raw_markups(item))
    record = parse(html.encode("utf-8"))
    for field in ("section", "title", "diary_number", "decision_type", "appeal_type", "extracts"):
        assert record[field] == from_text[field], field


def test_text_deviations_are_real():
    # Each documented deviation must still differ from the manifest (else drop it).
    for (sample_id, field), (value, _why) in TEXT_DEVIATIONS.items():
        item = next(i for i in SAMPLES if i["id"] == sample_id)
        manifest_value = {
            "policymaker": item["policymaker"],
            "has_processing": item["has_kasittely"],
            "has_votes": item["has_vote"],
        }[field]
        assert value != manifest_value


def test_sample_text_is_one_block_per_line():
    # The samples' form: never a blank line (the parser relies on this to tell PDF text).
    for item in SAMPLES:
        assert not re.search(r"\n\s*\n", sample_text(item).strip())
