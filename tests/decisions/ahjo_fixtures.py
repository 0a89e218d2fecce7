"""Test data for the decision parser: paths, ground truth, and page-layout generators.

Ground truth comes from ``tests/data/ahjo/manifest.json`` and from the raw API JSON
(read here with plain regular expressions, independently of the parser's own HTML
reader), never from the parser.
"""

import json
import re
from functools import cache
from html import unescape
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "ahjo"
SEED = REPO / "src" / "citydiplomacy" / "demo" / "data" / "seed" / "decision_2017-11-13_s11_fi.txt"

# Manifest annotations -> the parser's vocabulary.
DECISION_TYPES = {
    "ELECTION_OR_APPOINTMENT": "election",
    "APPROVED": "approved",
    "APPROVED (publication of minutes)": "approved",
    "INITIATIVE_CLOSED": "approved",  # "katsoi aloitteen loppuun käsitellyksi"
    "TABLED": "tabled",
    "PROPOSAL_TO_HIGHER_BODY": "proposal",
    "NOTED": "noted",
    "STATEMENT": "statement",
    "RETURNED": "returned",
    "PROCUREMENT_AWARD": "procurement",
    "GRANTED": "grant",
    "REJECTED": "rejected",
    "CONFIDENTIAL": "other",
}
APPEAL_TYPES = {
    "MUUTOKSENHAKUKIELTO": "no_appeal",
    "FÖRBUD MOT SÖKANDE AV ÄNDRING": "no_appeal",
    "Muutoksenhakukielto, valmistelu tai täytäntöönpano": "no_appeal",
    "VALITUSOSOITUS": "administrative_court_appeal",
    "BESVÄRSANVISNING": "administrative_court_appeal",
    "Förvaltningsbesvär, beslut om gatuhållning": "administrative_court_appeal",
    "OHJEET OIKAISUVAATIMUKSEN TEKEMISEKSI": "rectification_request",
    "Omprövning, fostrans- och utbildningsnämnden": "rectification_request",
    "MUUTOKSENHAKU HANKINTAPÄÄTÖKSEEN": "market_court_appeal",
    None: None,
}
KINDS = {
    "minutes_section": "minutes_section",
    "officeholder_decision": "officeholder_decision",
    "agenda_item_proposal": "agenda_item",
}

# Where the text alone says something else than the manifest, and why.
TEXT_DEVIATIONS = {
    (1, "policymaker"): (None, "passive 'valittiin': the text names no decision maker"),
    (2, "policymaker"): (None, "passive 'valdes': the text names no decision maker"),
    (21, "policymaker"): ("Johtokunta", "the decision sentence says only 'Johtokunta'"),
    (31, "policymaker"): ("Terveysinsinööri", "the text omits the office number '1'"),
    (32, "policymaker"): ("Lakipalvelut-yksikön päällikkö", "the text names the unit"),
    (35, "policymaker"): ("Svenska sektionen", "the text uses the short name"),
    (37, "policymaker"): (
        "Stadsmiljönämndens sektion för byggnader och allmänna områden",
        "the text uses the long name",
    ),
    (11, "policymaker"): (None, "a confidential stub publishes only number and title"),
    (10, "has_processing"): (False, "Käsittely is only in Päätöshistoria (earlier handling)"),
    (10, "has_votes"): (False, "the vote is in Päätöshistoria (Kaupunginhallitus' handling)"),
}


@cache
def manifest() -> list[dict]:
    """The 28 samples' metadata."""
    return json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))


def sample_text(item: dict) -> str:
    return (DATA / item["file"]).read_text(encoding="utf-8")


def raw_record(item: dict) -> dict:
    return json.loads((DATA / item["raw"]).read_text(encoding="utf-8"))


def raw_markups(item: dict) -> list[str]:
    """The decision HTML fields of a raw record, in document order."""
    raw = raw_record(item)
    raw = raw.get("agenda_item", raw)
    keys = ("Content", "Motion", "HTML", "field_decision_content", "field_decision_motion")
    return [raw[key] for key in keys if isinstance(raw.get(key), str) and raw[key].strip()]


def _plain(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _after_heading(markup: str, heading_class: str) -> str:
    """HTML between an h3 of ``heading_class`` and the next h3."""
    match = re.search(rf'<h3 class="{heading_class}">.*?</h3>(.*?)(?=<h3|</body>)', markup, re.S)
    return match.group(1) if match else ""


def html_extract_recipients(item: dict) -> list[str]:
    """First cell of every body row of the "Otteet" table."""
    section = "".join(_after_heading(m, "OtteetOtsikko") for m in raw_markups(item)[:1])
    rows = re.findall(r"<tr>(.*?)</tr>", section, re.S)
    cells = [re.search(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    return [_plain(cell.group(1)) for cell in cells if cell]


def html_contact_emails(item: dict) -> set[str]:
    """E-mail addresses under "Lisätiedot" in the raw HTML."""
    section = "".join(_after_heading(m, "LisatiedotOtsikko") for m in raw_markups(item))
    found = re.findall(r"[\w.+-]+(?:@|\(a\))[\w-]+(?:\.[\w-]+)+", section)
    return {email.replace("(a)", "@") for email in found}  # some HTML keeps the PDF's "(a)"


def html_presenter_lines(item: dict) -> list[str]:
    """Non-empty lines under the presenter heading in the raw HTML."""
    section = _after_heading(raw_markups(item)[0], "EsittelijaTiedot")
    return [_plain(div) for div in re.findall(r"<div>(.*?)</div>", section, re.S) if _plain(div)]


def html_has_heading(item: dict, *headings: str) -> bool:
    markup = "".join(raw_markups(item))
    return any(re.search(rf">\s*{re.escape(h)}\s*</h3>", markup) for h in headings)


def expected_from_text(item: dict) -> dict:
    """What a parser reading only the sample text should find, per the manifest."""
    diary, _, code = (item["diary_and_class"] or "").partition(" T ")
    section = re.search(r"\d+", item["section"] or "")
    expected = {
        "section": int(section.group()) if section else None,
        "title": item["title"],
        "diary_number": diary or None,
        "classification_code": code or None,
        "language": item["language"],
        "kind": KINDS[item["kind"].split()[0]],
        "policymaker": item["policymaker"] if item["language"] == "fi" else item["policymaker_sv"],
        "decision_type": DECISION_TYPES[item["decision_type"]],
        "appeal_type": APPEAL_TYPES[item["appeal"]],
        "attachments": [re.sub(r"^\d+ ", "", title) for title in item["attachments"]],
        "extracts": html_extract_recipients(item),
        "confidential": item["decision_type"] == "CONFIDENTIAL",
        "has_processing": item["has_kasittely"],
        "has_votes": item["has_vote"],
    }
    for (sample_id, field), (value, _why) in TEXT_DEVIATIONS.items():
        if sample_id == item["id"]:
            expected[field] = value
    return expected


def expected_from_json(item: dict) -> dict:
    """Fields that the raw JSON record carries itself (those it lacks are left out)."""
    raw = raw_record(item)
    meeting = raw.get("Meeting") or raw.get("meeting") or {}
    node_meeting = json.loads(raw.get("field_decision_meeting") or "null") or {}
    organization = raw.get("Organization") or {}
    date = meeting.get("DateMeeting") or node_meeting.get("DateMeeting") or ""
    case = raw.get("CaseIDLabel") or raw.get("field_diary_number_label") or item["case_id"]
    carried = {
        "diary_number": case,
        "classification_code": raw.get("ClassificationCode")
        or raw.get("field_classification_code"),
        "meeting_date": date[:10] or None,
        "policymaker": organization.get("Name")
        or raw.get("field_dm_org_name")
        or meeting.get("DecisionMaker"),
    }
    return {field: value for field, value in carried.items() if value}


# --- Generating PDF-like text and PDF files from the one-block-per-line samples ---

_VOWELS = set("aeiouyäöå")
_HEADER_FI = ("Helsingin kaupunki", "Pöytäkirja", "16/2025", "{page} ({pages})")
_HEADER_SV = ("Helsingfors stad", "Protokoll", "16/2025", "{page} ({pages})")
FOOTER_FI = (
    "Postiosoite Käyntiosoite Puhelin Y-tunnus Tilinro",
    "PL 1 Pohjoisesplanadi 11-13 +358 9 310 1641 0201256-6 FI0201256",
    "00099 HELSINGIN KAUPUNKI Helsinki 17 kirjaamo@hel.fi Alv.nro FI02012566",
)
FOOTER_SV = (
    "Postadress Besöksadress Telefon FO-nummer Kontonr",
    "PB 1 Norra esplanaden 11-13 +358 9 310 1641 0201256-6 FI0201256",
    "00099 HELSINGFORS STAD Helsingfors 17 registratorskontoret@hel.fi Momsnr FI02012566",
)


def page_header(language: str, body: str, code: str, date: str) -> list[str]:
    """Header lines of one page, with "{page}" and "{pages}" left to fill in."""
    lines = _HEADER_FI if language == "fi" else _HEADER_SV
    return [*lines, body, code, date]


def soft_hyphen_split(word: str, room: int) -> tuple[str, str] | None:
    """Split a word Finnish-style (before consonant + vowel) so the head fits ``room``."""
    if not word.isalpha():
        return None
    for cut in range(min(len(word) - 3, room - 1), 1, -1):
        head_end, first, second = word[cut - 1], word[cut], word[cut + 1]
        if (
            head_end.lower() in _VOWELS
            and first.islower()
            and first not in _VOWELS
            and second in _VOWELS
        ):
            return word[:cut] + "-", word[cut:]
    return None


def wrap(text: str, width: int) -> list[str]:
    """Greedy line wrap with soft hyphenation, as a word processor would print it."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if not line or len(line) + 1 + len(word) <= width:
            line = f"{line} {word}" if line else word
            continue
        split = soft_hyphen_split(word, width - len(line) - 1)
        if split:
            lines.append(f"{line} {split[0]}")
            line = split[1]
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def layout_lines(sample: str, width: int = 72, blank_lines: bool = True) -> list[str]:
    """The sample's blocks wrapped like minutes PDF text, "@" written as "(a)"."""
    lines: list[str] = []
    for block in sample.splitlines():
        block = re.sub(r"@(?=[\w-]+\.)", "(a)", block)
        lines += wrap(block, width)
        if blank_lines:
            lines.append("")
    return lines


def paginate(lines: list[str], header: list[str], footer: tuple, per_page: int = 40) -> list[list]:
    """Cut lines into pages, each with the page header on top and the footer below."""
    chunks = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        top = [h.format(page=number, pages=len(chunks)) for h in header]
        pages.append([*top, "", *chunk, "", *footer])
    return pages


def pdf_text(sample: str, header: list[str], footer: tuple, blank_lines: bool = True) -> str:
    """PDF-extracted-looking text of a sample."""
    pages = paginate(layout_lines(sample, blank_lines=blank_lines), header, footer)
    return "\n".join(line for page in pages for line in page)


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal PDF whose pages show ``pages`` as lines of Helvetica text.

    WinAnsi encoding covers Finnish and Swedish letters, "§", "–", "”" and "•".
    """
    objects: list[bytes] = [b"", b""]  # catalog and page tree are filled in last
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    kids = []
    for lines in pages:
        stream = (
            b"\n".join(
                [b"BT /F1 10 Tf 12 TL 50 800 Td"]
                + [b"(" + _pdf_string(x) + b") Tj T*" for x in lines]
            )
            + b"\nET"
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            b" /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % len(objects)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    return _pdf_file(objects)


def _pdf_string(text: str) -> bytes:
    data = text.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _pdf_file(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
