"""Extracting single fields from the header and the parts of a decision."""

import re
from collections import Counter

from . import vocabulary as v
from .layout import join_words
from .structure import DIARY_LINE, Layout, section_number

_DIARY = re.compile(r"\bHEL[\s_-]*(\d{4})[\s_-]+(\d{1,6})\b", re.IGNORECASE)
_CLASSIFICATION_AFTER_T = re.compile(r"\bT\s+(\d{2}(?:\s+\d{2}){2,3})\b")
_CLASSIFICATION = re.compile(r"^\d{2}(?:\s+\d{2}){2,3}$")
_OBFUSCATED_EMAIL = re.compile(
    r"(?<![\w.+-])([\w.+-]+)\((?:a|at)\)([\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,})(?![\w-])",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_LABEL = re.compile(
    r"[,;]?\s*\b(?:puhelin|puh|tel|telefon|phone)\b\.?\s*:?\s*(?=[+\d(])", re.IGNORECASE
)
_TRAILING_PHONE = re.compile(r":\s*(\+?[\d(][\d\s()/-]*\d)\s*$")
_NUMBERED_TITLE = re.compile(r"^(\d{1,3})[.)]?\s+(.+)$")
_NUMBERED_ITEM = re.compile(r"^\d{1,3}\. ")
_HEADING_TYPES = {
    "Lausunto": "statement",
    "Lausuntoehdotus": "statement",
    "Utlåtande": "statement",
    "Förslag till utlåtande": "statement",
    "Utlåtandeförslag": "statement",
    "Esitys": "proposal",
    "Esitysehdotus": "proposal",
    "Framställning": "proposal",
    "Förslag till framställning": "proposal",
    "Framställningsförslag": "proposal",
}
_TYPE_PATTERNS = tuple(
    (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in v.DECISION_TYPE_PATTERNS
)


def normalize_diary_number(value: str | None) -> str | None:
    """Any spelling of a diary number ("HEL-2017-010458", "hel 2017-10458") as
    "HEL 2017-010458"; None when there is none."""
    match = _DIARY.search(value or "")
    if not match:
        return None
    return f"HEL {match.group(1)}-{int(match.group(2)):06d}"


def normalize_classification(value: str | None) -> str | None:
    """A task classification code as groups of two digits, e.g. "04 00 00"."""
    text = " ".join((value or "").split())
    return text if _CLASSIFICATION.match(text) else None


def deobfuscate_emails(text: str) -> str:
    """Turn "etunimi.sukunimi(a)hel.fi" (the minutes PDF form) back into an address."""
    if "(" not in text:
        return text  # the common case; saves a regex pass per line
    return _OBFUSCATED_EMAIL.sub(r"\1@\2", text)


def header_section(header: list[str]) -> int | None:
    """The section number from the header lines, e.g. 944 from "§ 944"."""
    return next((n for n in map(section_number, header) if n is not None), None)


def header_diary_line(header: list[str]) -> str | None:
    """The line with the diary number ("HEL 2021-006763 T 00 00 03")."""
    return next((line for line in header if DIARY_LINE.search(line)), None)


def header_title(header: list[str]) -> str | None:
    """Lines between the section line and the diary line, joined: the title."""
    start = next((i + 1 for i, line in enumerate(header) if section_number(line)), 0)
    end = next((i for i, line in enumerate(header) if DIARY_LINE.search(line)), len(header))
    lines = header[start:end] if start < end else header[start : start + 1]
    title = ""
    for line in lines:
        title = join_words(title, line)
    return title or None


def classification_from_diary_line(line: str | None) -> str | None:
    """The task classification code after " T " on the diary line."""
    match = _CLASSIFICATION_AFTER_T.search(line or "")
    return normalize_classification(match.group(1)) if match else None


def presenter(layout: Layout) -> dict | None:
    """{"title", "name"} from the first non-empty presenter part."""
    part = layout.first(v.PRESENTER)
    if part is None:
        return None
    name = part.lines[1] if len(part.lines) > 1 else None
    return {"title": part.lines[0], "name": name}


def contacts(layout: Layout) -> list[dict]:
    """People named under "Lisätiedot", each with title, phone and e-mail."""
    people: list[dict] = []
    for line in layout.all_lines(v.CONTACTS):
        emails = _EMAIL.findall(line)
        rest = _EMAIL.sub("", line).strip(" ,;")
        if rest:
            people.append(_contact_from_line(rest))
        for email in emails:
            _attach_email(people, email)
    return _unique_contacts(people)


def _contact_from_line(line: str) -> dict:
    name, _, rest = line.partition(",")
    phone = None
    if match := _PHONE_LABEL.search(rest):
        phone, rest = rest[match.end() :], rest[: match.start()]
    elif match := _TRAILING_PHONE.search(rest):
        phone, rest = match.group(1), rest[: match.start()]
    return {
        "name": name.strip() or None,
        "title": rest.strip(" ,;:") or None,
        "phone": " ".join(phone.split()) if phone and phone.strip() else None,
        "email": None,
    }


def _attach_email(people: list[dict], email: str) -> None:
    if people and people[-1]["email"] is None:
        people[-1]["email"] = email
    else:
        people.append({"name": None, "title": None, "phone": None, "email": email})


def _unique_contacts(people: list[dict]) -> list[dict]:
    # The minutes PDF prints the contacts twice (after the decision and the proposal).
    seen: set[tuple] = set()
    unique = []
    for person in people:
        key = (person["name"], person["email"])
        if key not in seen:
            seen.add(key)
            unique.append(person)
    return unique


def attachments(layout: Layout) -> list[str]:
    """Attachment titles without their numbers, in order.

    Only the first list counts: the proposal part may list attachments that the
    decision then removed ("Esittelijä poisti esityksestään liitteen nro 4").
    """
    part = layout.first(v.ATTACHMENTS)
    titles = []
    for line in part.lines if part else ():
        match = _NUMBERED_TITLE.match(line)
        titles.append(match.group(2) if match else line)
    return list(dict.fromkeys(titles))


def extracts(layout: Layout) -> list[str]:
    """Recipients of extracts: first column of the "Otteet" table.

    The table arrives one cell per line, so a cell is a recipient unless it names what
    is sent (the decision text, numbered attachments, appeal instruction templates).
    """
    part = layout.first(v.EXTRACTS)
    recipients = [
        line
        for line in (part.lines if part else [])
        if line not in v.EXTRACT_TABLE_HEADERS and not v.EXTRACT_ENCLOSURE.match(line)
    ]
    return list(dict.fromkeys(recipients))


def appeal_type(layout: Layout) -> str | None:
    """Kind of appeal from the appeal part's heading or short template name."""
    part = layout.first(v.APPEAL)
    if part is None:
        return None
    for text in (part.lines[0], " ".join(part.lines[:3])):
        for name, pattern in v.APPEAL_PATTERNS:
            if pattern.search(text):
                return name
    return None


def decision_type(heading: str | None, blocks: list[str]) -> str:
    """approved, noted, tabled ... from the decision heading and its first sentences."""
    if heading in _HEADING_TYPES:
        return _HEADING_TYPES[heading]
    for block in blocks[:6]:
        for name, pattern in _TYPE_PATTERNS:
            if pattern.search(block):
                return name
    return "other"


def decision_maker(blocks: list[str]) -> str | None:
    """The subject of the decision sentence: "Kaupunginhallitus päätti ..."."""
    for block in blocks[:3]:
        match = v.DECISION_VERBS.search(block)
        if match and _looks_like_name(block[: match.start()].strip()):
            return block[: match.start()].strip()
    return None


def _looks_like_name(text: str) -> bool:
    return (
        0 < len(text.split()) <= 8 and text[0].isupper() and not re.search(r"[\d,:;.()\"”]", text)
    )


def language(layout: Layout) -> str:
    """ "fi" or "sv": by the headings, else by frequent words."""
    votes = Counter(v.HEADING_LANGUAGE[part.heading] for part in layout.parts)
    if votes["sv"] != votes["fi"]:
        return "sv" if votes["sv"] > votes["fi"] else "fi"
    text = " ".join(layout.header + [line for part in layout.parts for line in part.lines])
    words = re.findall(r"[a-zåäö]+", text[:20000].lower())
    swedish = sum(word in v.SWEDISH_WORDS for word in words)
    finnish = sum(word in v.FINNISH_WORDS for word in words)
    return "sv" if swedish > finnish else "fi"


def to_markdown(blocks: list[str]) -> str | None:
    """Blocks as Markdown: paragraphs apart, list items as "- " / "1. " lines."""
    pieces: list[str] = []
    previous_item = False
    for block in blocks:
        bullet = block.startswith("• ")
        item = bullet or bool(_NUMBERED_ITEM.match(block))
        if pieces:
            pieces.append("\n" if item and previous_item else "\n\n")
        pieces.append(f"- {block[2:]}" if bullet else block)
        previous_item = item
    return "".join(pieces) or None
