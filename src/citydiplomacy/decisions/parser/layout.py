"""Undoing the page layout of text extracted from a minutes PDF.

PDF text has hard line wraps with hyphenation, page headers and footers on every page
(see ``pages``), and bullet glyphs that were lost (the line then starts with one space).
This module turns such lines back into the one-block-per-line form the field extractors
read: one line per paragraph, "• " before bullet items, "1. " before numbered items.

Paragraph ends are known from blank lines when the text has them (as the seed has);
text without any (pypdf's output) falls back to line lengths: a line clearly short of
the right margin that ends a sentence ends its paragraph.
"""

import re
from dataclasses import dataclass
from itertools import pairwise

from . import vocabulary as v
from .pages import PAGE_BREAK, PageHeader, is_city_header, strip_page_furniture
from .structure import Part, split_parts

VOWELS = frozenset("aeiouyäöå")

_BULLET_GLYPH = re.compile("^\\s*[•▪■●◦‣∙\uf0b7\uf0a7\uf076\uf0d8\uf0fc]\\s*")
_DASH_BULLET = re.compile(r"^\s*[-–]\s+(?=\S)")
_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+(?=\S)")
_LONE_NUMBER = re.compile(r"^\s*(\d{1,2})[.)]\s*$")
_LOST_GLYPH = re.compile(r"^ (?=\S)")
_VOTE_HEADING = re.compile(r"^\s*(?:\d+\.?\s+)?(?:äänestys|omröstningen|omröstning)\s*$", re.I)
# Lines of the proceedings that always start a block ("JAA-ehdotus:", "Jaa-äänet: 62" ...).
_LABEL_LINE = re.compile(
    r"^\s*(?:JAA|EI|JA|NEJ)-(?:ehdotus|förslag)\s*:"
    r"|^\s*(?:Jaa-äänet|Ei-äänet|Tyhjä|Tyhjiä|Poissa|Ja-röster|Nej-röster|Blanka|Frånvarande)\s*:"
    r"|^\s*(?:Vastaehdotus|Palautusehdotus|Pöydällepanoehdotus|Kannattaja|Kannattajat|Esteelliset"
    r"|Motförslag|Förslag om återremiss|Understödd av|Jäviga)\s*:",
    re.IGNORECASE,
)
# "lauta- ja johtokunnat": a hyphen before a conjunction is part of the text.
_CONJUNCTION = re.compile(r"^(?:ja|tai|sekä|eli|och|eller|samt)\b")
_TERMINAL = (".", ":", ";", "!", "?", '"', "”", ")")
_LINE_PARTS = frozenset({v.ATTACHMENTS, v.CONTACTS, v.EXTRACTS})


@dataclass
class _Block:
    text: str
    marker: str = ""  # "", "bullet", "number" or "lost" (bullet glyph lost in extraction)
    number: str = ""

    @property
    def is_item(self) -> bool:
        return self.marker in ("bullet", "number")

    def render(self) -> str:
        if self.marker == "bullet":
            return f"• {self.text}"
        if self.marker == "number":
            return f"{self.number}. {self.text}"
        return self.text


@dataclass
class _Wrapping:
    """How the document's lines were wrapped: paragraph width and blank-line use."""

    width: int
    blank_separated: bool


def looks_wrapped(lines: list[str]) -> bool:
    """Whether text is PDF-extracted (wrapped) rather than one block per line."""
    inner = _trim_blank_ends(lines)
    if any(not line.strip() for line in inner):
        return True  # the one-block-per-line form never has blank lines
    if any(is_city_header(line.strip()) for line in inner):
        return True
    breaks = sum(
        1
        for line, following in pairwise(inner)
        if ends_with_soft_hyphen(line.rstrip()) and following.strip()[:1].islower()
    )
    return breaks >= 2


def ends_with_soft_hyphen(text: str) -> bool:
    """Whether text ends with a letter and a hyphen ("ajankoh-")."""
    return text.endswith("-") and len(text) > 1 and text[-2].isalpha()


def unwrap(lines: list[str]) -> tuple[list[str], list[Part], PageHeader]:
    """Header blocks, parts with one block per line, and the page-header facts."""
    lines, page = strip_page_furniture(lines)
    header, parts = split_parts(lines)
    wrapping = _measure(parts)
    for part in parts:
        part.lines = _join_part(part, wrapping)
    return [line.strip() for line in header if line.strip()], parts, page


def _trim_blank_ends(lines: list[str]) -> list[str]:
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    end = len(lines)
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _measure(parts: list[Part]) -> _Wrapping:
    prose = [part.lines for part in parts if part.role in v.PROSE_ROLES]
    lengths = sorted(len(line.strip()) for lines in prose for line in lines if line.strip())
    # Lines of a paragraph run to the right margin: the 90th percentile is the width.
    width = max(30, lengths[max(0, int(len(lengths) * 0.9) - 1)]) if lengths else 60
    # Paragraphs are blank-separated when blank lines are common, not a stray one.
    blanks = sum(
        not line.strip() and line != PAGE_BREAK
        for lines in prose
        for line in _trim_blank_ends(lines)
    )
    return _Wrapping(width, blank_separated=blanks >= max(2, len(lengths) // 20))


def _join_part(part: Part, wrapping: _Wrapping) -> list[str]:
    if part.role in v.PROSE_ROLES:
        return join_prose(part.lines, wrapping)
    lines = [line.strip() for line in part.lines if line.strip()]
    return _join_continuations(lines, part.role)


def _join_continuations(lines: list[str], role: str) -> list[str]:
    joined: list[str] = []
    for line in lines:
        if joined and _continues(joined[-1], line, role):
            joined[-1] = join_words(joined[-1], line)
        else:
            joined.append(line)
    return joined


def _continues(previous: str, line: str, role: str) -> bool:
    """Whether a line of a one-item-per-line part continues the previous item."""
    if ends_with_soft_hyphen(previous) and line[:1].islower():
        return True
    if role not in _LINE_PARTS:
        return False
    if role == v.ATTACHMENTS:
        return bool(re.match(r"\d+\s", previous)) and not re.match(r"\d+\s", line)
    if role == v.EXTRACTS:
        return line[:1].islower()  # a table cell wrapped in the middle
    # A phone number wrapped to the next line of a contact.
    return bool(re.fullmatch(r"[\d\s]+", line)) and bool(re.search(r"\d$", previous))


def join_prose(lines: list[str], wrapping: _Wrapping) -> list[str]:
    """Join wrapped lines into paragraphs and list items (one string per block)."""
    paragraphs = _Paragraphs(wrapping)
    for raw in lines:
        paragraphs.feed(raw)
    return [block.render() for block in _resolve_lost_bullets(paragraphs.blocks) if block.text]


class _Paragraphs:
    """Collects wrapped lines into blocks, one line at a time."""

    def __init__(self, wrapping: _Wrapping) -> None:
        self.wrapping = wrapping
        self.blocks: list[_Block] = []
        self.open = False  # the last block goes on at the next line
        self.page_break = False  # a page break came since the last line
        self.previous = ""

    def feed(self, raw: str) -> None:
        """Take the next line: text, blank, or a page break."""
        if raw == PAGE_BREAK:
            self.page_break = True
        elif not raw.strip():
            self._blank_line()
        else:
            self._text_line(raw)

    def _blank_line(self) -> None:
        # A blank line ends a paragraph, except inside a word hyphenated across it.
        if not (self.blocks and ends_with_soft_hyphen(self.blocks[-1].text)):
            self.open, self.previous = False, ""

    def _text_line(self, raw: str) -> None:
        if self.page_break:
            self.open = self.open and _continues_over_page(self.previous, raw, self.wrapping)
            self.page_break = False
        last = self.blocks[-1] if self.blocks else None
        if last and last.marker == "number" and not last.text:
            last.text = raw.strip()  # "1." alone on its line, its text on the next
        elif match := _LONE_NUMBER.match(raw):
            self.blocks.append(_Block("", "number", match.group(1)))
            return
        else:
            self._add(raw)
        self.open = not _ends_block(raw, self.wrapping, self.blocks[-1].marker != "")
        self.previous = raw

    def _add(self, raw: str) -> None:
        block = _start_of_line(raw, self.blocks, self.previous)
        if block.marker or not self.open or not self.blocks or _LABEL_LINE.match(raw):
            self.blocks.append(block)
        else:
            self.blocks[-1].text = join_words(self.blocks[-1].text, block.text)


def _continues_over_page(last: str, first: str, wrapping: _Wrapping) -> bool:
    """Whether the paragraph open at the foot of a page goes on at the top of the next.

    It does after a hyphenated word; it does not after a short line, nor (most often)
    when a sentence ends at the foot and the next page starts with a capital.
    """
    last, first = last.strip(), first.strip()
    if ends_with_soft_hyphen(last):
        return True
    if len(last) < 0.85 * wrapping.width:
        return False
    return not (last.endswith(_TERMINAL) and first[:1].isupper())


def _start_of_line(raw: str, blocks: list[_Block], previous: str) -> _Block:
    last = blocks[-1] if blocks else None
    after_intro = last is not None and (last.is_item or last.text.endswith(":"))
    if match := _BULLET_GLYPH.match(raw):
        return _Block(raw[match.end() :].strip(), "bullet")
    if (match := _DASH_BULLET.match(raw)) and after_intro:
        return _Block(raw[match.end() :].strip(), "bullet")
    if (match := _NUMBERED.match(raw)) and (
        not previous.strip() or previous.rstrip().endswith((".", ":", ";")) or after_intro
    ):
        return _Block(raw[match.end() :].strip(), "number", match.group(1))
    if _LOST_GLYPH.match(raw):
        return _Block(raw.strip(), "lost")
    return _Block(raw.strip())


def _ends_block(raw: str, wrapping: _Wrapping, in_list_item: bool) -> bool:
    """Whether a line is the last of its block.

    A vote heading stands alone. Otherwise, in text without blank lines, a line clearly
    short of the right margin ends its block; paragraphs also end with punctuation,
    list items often have none.
    """
    if _VOTE_HEADING.match(raw):
        return True
    text = raw.strip()
    if wrapping.blank_separated or ends_with_soft_hyphen(text):
        return False
    if len(text) >= 0.85 * wrapping.width:
        return False
    return in_list_item or text.endswith(_TERMINAL)


def _resolve_lost_bullets(blocks: list[_Block]) -> list[_Block]:
    """Decide for each line that began with a lone space: list item or paragraph.

    It is an item after an introduction ending with ":" or after another item, unless
    it breaks the list's style: a full sentence ending with "." after items without one
    is the next paragraph.
    """
    first_item: _Block | None = None
    previous: _Block | None = None
    for block in blocks:
        if block.marker == "lost":
            starts_list = previous is not None and not previous.is_item
            starts_list = starts_list and previous.text.endswith(":")
            continues = previous is not None and previous.is_item
            if starts_list or (continues and _same_style(first_item, block)):
                block.marker = "bullet"
            else:
                block.marker = ""
        if block.is_item and not (previous and previous.is_item):
            first_item = block
        previous = block
    return blocks


def _same_style(first_item: _Block | None, block: _Block) -> bool:
    if first_item is None:
        return True
    return first_item.text.endswith(".") or not block.text.endswith(".")


def join_words(left: str, right: str) -> str:
    """Join two wrapped lines, removing a hyphen that only marks a line break."""
    left, right = left.rstrip(), right.strip()
    if not left or not right:
        return left or right
    if left.endswith("-"):
        if _CONJUNCTION.match(right):
            return f"{left} {right}"
        match = re.search(r"([^\W\d_]+)-$", left)
        if match and _is_soft_hyphen(match.group(1), right):
            return left[:-1] + right
        return left + right
    if re.search(r"\S/$", left) or (left.endswith("–") and right[:1].isdigit()):
        return left + right  # a URL or a range broken at the line end
    return f"{left} {right}"


def _is_soft_hyphen(fragment: str, right: str) -> bool:
    """Whether "fragment-" + right is one word hyphenated at the line end.

    Finnish hyphenation breaks before a consonant + vowel, so a soft hyphen is followed
    by a lower-case letter. A real hyphen stays: between two equal vowels
    ("elinkeino-osasto"), after an acronym ("EU-", "HKL-"), and after a foreign "-ng"
    word ("benchmarking-toimenpiteet").
    """
    first, last = right[0], fragment[-1].lower()
    if not first.islower() or (len(fragment) > 1 and fragment.isupper()):
        return False  # a capital after the hyphen, or an acronym before it ("EU-")
    lower = fragment.lower()
    if last == first and last in VOWELS:
        return False
    if not VOWELS.intersection(lower):
        return False
    return not (lower.endswith("ng") and first not in VOWELS)
