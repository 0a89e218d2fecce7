"""Parser for City of Helsinki decision records (Ahjo), in Finnish and Swedish.

``parse()`` reads one decision (a minutes section, an officeholder decision or an
agenda item) from PDF-extracted text, one-block-per-line text, a PDF file, the decision
HTML, or a JSON record of the city's open decision API, and returns a plain dict with
the keys in ``RECORD_KEYS``. Pure Python: the standard library and pypdf (for PDFs).
See docs/decisions-parser.md for the record format.
"""

from .api_json import document_from_json
from .document import Document
from .errors import DecisionParseError
from .fields import deobfuscate_emails, normalize_diary_number
from .html import document_from_html
from .pdf import document_from_pdf
from .record import APPEAL_TYPES, KINDS, RECORD_KEYS, build_record
from .source import FORMATS, MAX_BYTES, as_bytes, as_text, detect_format, read_source
from .text import document_from_text
from .vocabulary import DECISION_TYPES

__all__ = [
    "APPEAL_TYPES",
    "DECISION_TYPES",
    "FORMATS",
    "KINDS",
    "MAX_BYTES",
    "RECORD_KEYS",
    "DecisionParseError",
    "deobfuscate_emails",
    "normalize_diary_number",
    "parse",
]


def parse(
    source, format: str = "auto", filename: str | None = None, *, max_bytes: int = MAX_BYTES
) -> dict:
    """Parse one Helsinki decision record into a dict with the keys in ``RECORD_KEYS``.

    ``source`` is bytes, str (the content, or a path to a file) or a path object.
    ``format`` is "auto" (detected from the content: PDF magic, JSON, HTML tags, else
    text) or one of "text", "pdf", "html", "json". ``filename`` names the input in
    hints (a date in it is the meeting date of last resort). Input larger than
    ``max_bytes`` is refused before it is read.

    Raises ``DecisionParseError`` (a ``ValueError``) with a one-line message when the
    input cannot be read as a decision.
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    loaded = read_source(source, filename, max_bytes)
    if not loaded.data.strip():
        raise DecisionParseError("empty input: nothing to parse")
    input_format = detect_format(loaded.data) if format == "auto" else format
    return build_record(_read_document(loaded.data, input_format), loaded.name)


def _read_document(data: bytes | str, input_format: str) -> Document:
    if input_format == "pdf":
        pdf_bytes = as_bytes(data)
        if b"%PDF-" not in pdf_bytes[:1024]:
            raise DecisionParseError("not a PDF file: the %PDF- header is missing")
        return document_from_pdf(pdf_bytes)
    text = as_text(data)
    if not text.strip():
        raise DecisionParseError("empty input: nothing to parse")
    if input_format == "json":
        return document_from_json(text)
    if input_format == "html":
        return document_from_html(text)
    return document_from_text(text)
