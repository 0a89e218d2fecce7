"""Page headers and footers of Helsinki minutes PDFs, found and removed.

Every page starts with a header such as::

    Helsingin kaupunki        (or: Helsingin kaupunki Pöytäkirja 27/2019 1 (10))
    Pöytäkirja
    27/2019
    1 (10)
    Kaupunginhallitus
    Asia/2
    17.06.2019

and ends with the city's postal footer. They interrupt paragraphs, so they are replaced
by a page-break marker that the paragraph joiner understands.
"""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from . import vocabulary as v

PAGE_BREAK = "\f"

_CITY_LINE = re.compile(r"^(?:Helsingin kaupunki|Helsingfors stad)(?:\s+(?P<rest>.*))?$")
_DOC_TYPE = (
    r"(?:Pöytäkirja|Esityslista|Viranhaltijan päätös|Päätös|Protokoll|Föredragningslista"
    r"|Tjänsteinnehavarens beslut|Beslut)"
)
_HEADER_TOKEN = re.compile(
    rf"{_DOC_TYPE}|\b\d{{1,3}}/\d{{4}}\b|\b\d{{1,4}}\s*\(\d{{1,4}}\)"
    r"|\b[A-ZÄÖÅ][A-Za-zÄÖÅäöå]{0,11}/\d{1,3}\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b"
)
_DOC_TYPE_LINE = re.compile(rf"^{_DOC_TYPE}$")
_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_BODY_NAME = re.compile(
    r"(?:valtuusto|hallitus|jaosto|lautakunta|johtokunta|toimikunta|fullmäktige|styrelsen?"
    r"|sektionen|sektion|nämnden|nämnd|direktionen|direktion)$",
    re.IGNORECASE,
)
_FOOTER_WORD = re.compile(
    r"\b(?:Postiosoite|Käyntiosoite|Puhelin|Faksi|Y-tunnus|Tilinro|Alv\.?\s?nro|Postadress"
    r"|Besöksadress|Telefon|Fax|FO-nummer|Kontonr|Moms\.?\s?nr)\b",
    re.IGNORECASE,
)
_FOOTER_DETAIL = re.compile(
    r"\b0\d{4}\b|\bP[LB] \d+\b|hel\.fi|\+358|\bFI\d{8}\b|\b\d{7}-\d\b"
    r"|HELSINGIN KAUPUNKI|HELSINGFORS STAD"
)
_HEADER_SPAN = 8  # lines a page header may take after the city line


@dataclass
class PageHeader:
    """What the repeated page headers tell: the decision maker and the meeting date."""

    policymaker: str | None = None
    date: str | None = None


def is_city_header(text: str) -> bool:
    """Whether a line opens a page header ("Helsingin kaupunki [Pöytäkirja 27/2019 ...]").

    "Helsingin kaupunki kiittää ..." starts a sentence instead: a header line holds
    nothing but header words.
    """
    if not text.startswith(("Helsingin kaupunki", "Helsingfors stad")):
        return False  # the common case, without a regex
    match = _CITY_LINE.match(text)
    return bool(match) and (not match.group("rest") or _is_header_token_line(match.group("rest")))


def strip_page_furniture(lines: list[str]) -> tuple[list[str], PageHeader]:
    """Replace page headers and footers by ``PAGE_BREAK``; return what the headers say."""
    body_names = _repeated_body_names(lines)
    page = PageHeader()
    kept: list[str] = []
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        end = None
        if is_city_header(stripped):
            end = _consume_header(lines, index, body_names, page)
        elif len(set(_FOOTER_WORD.findall(stripped))) >= 2:
            end = _consume_footer(lines, index)
        if end is None:
            kept.append(lines[index])
            index += 1
            continue
        while kept and not kept[-1].strip():
            kept.pop()  # blank lines around page furniture are layout, not paragraph ends
        if kept and kept[-1] != PAGE_BREAK:
            kept.append(PAGE_BREAK)
        index = _skip_blanks(lines, end)
    return kept, page


def _consume_header(
    lines: list[str], start: int, body_names: set[str], page: PageHeader
) -> int | None:
    """End of the page header starting at ``start``; None when it is no header after all."""
    found = PageHeader()
    rest = _CITY_LINE.match(lines[start].strip()).group("rest") or ""
    tokens = _note_header_line(rest, found) if rest else 0
    index = start + 1
    while index < len(lines) and index <= start + _HEADER_SPAN:
        stripped = lines[index].strip()
        if not stripped:
            index += 1
        elif _is_header_token_line(stripped) or _is_document_type(lines, index, start):
            tokens += _note_header_line(stripped, found)
            index += 1
        elif _is_body_name(stripped, body_names):
            found.policymaker = found.policymaker or stripped
            index += 1
        else:
            break
    if not tokens:
        return None  # a lone "Helsingin kaupunki" line inside running text
    page.policymaker = page.policymaker or found.policymaker
    page.date = page.date or found.date
    return index


def _is_header_token_line(text: str) -> bool:
    if v.HEADING_ROLES.get(text):
        return False  # "Päätös" on its own line is the decision heading, not a doc type
    return bool(_HEADER_TOKEN.search(text)) and not _HEADER_TOKEN.sub("", text).strip()


def _is_document_type(lines: list[str], index: int, start: int) -> bool:
    """ "Päätös" right under the city line, before the page number, names the document.

    Anywhere else a line "Päätös" is the heading of the decision part.
    """
    if index != start + 1 or not _DOC_TYPE_LINE.match(lines[index].strip()):
        return False
    following = next((line.strip() for line in lines[index + 1 :] if line.strip()), "")
    return bool(following) and _is_header_token_line(following)


def _is_body_name(text: str, body_names: set[str]) -> bool:
    if len(text) > 100 or text.endswith((".", ":", ";")) or v.HEADING_ROLES.get(text):
        return False
    return bool(_BODY_NAME.search(text)) or text in body_names


def _repeated_body_names(lines: list[str]) -> set[str]:
    """Lines that follow the city line on two or more pages: the decision maker's name.

    Officeholders ("Pormestari") have no body-like suffix; repetition gives them away.
    """
    counts: Counter[str] = Counter()
    for start, line in enumerate(lines):
        if is_city_header(line.strip()):
            window = lines[start + 1 : start + 1 + _HEADER_SPAN]
            candidates = [text.strip() for text in window if text.strip()]
            counts.update({c for c in candidates if not _is_header_token_line(c)})
    return {text for text, count in counts.items() if count >= 2 and len(text) <= 60}


def _note_header_line(text: str, page: PageHeader) -> int:
    """Record the date of a header line; return how many header words it has."""
    match = _DATE.search(text)
    if match and page.date is None:
        page.date = iso_date(*match.groups())
    return len(_HEADER_TOKEN.findall(text))


def iso_date(day: str, month: str, year: str) -> str | None:
    """ "17", "06", "2019" -> "2019-06-17"; None when it is not a calendar date."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _consume_footer(lines: list[str], start: int) -> int:
    index = start + 1
    while index < len(lines) and index <= start + 3 and _FOOTER_DETAIL.search(lines[index]):
        index += 1
    return index


def _skip_blanks(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index
