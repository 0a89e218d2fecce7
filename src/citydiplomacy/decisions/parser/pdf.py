"""PDF files with a text layer (minutes, agendas, officeholder decisions), via pypdf."""

import io

from .document import Document
from .errors import DecisionParseError
from .text import document_from_text


def extract_pdf_text(data: bytes) -> str:
    """The text of every page, pages separated by a newline."""
    from pypdf import PdfReader  # imported here: text, HTML and JSON do not need it

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DecisionParseError("PDF is encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DecisionParseError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise DecisionParseError(f"unreadable PDF: {type(exc).__name__}: {exc}") from exc
    text = "\n".join(page.rstrip() for page in pages)
    if not text.strip():
        raise DecisionParseError("PDF has no text layer (a scanned image?): nothing to parse")
    return text


def document_from_pdf(data: bytes) -> Document:
    """Read a decision PDF; its text is always treated as wrapped page layout."""
    return document_from_text(extract_pdf_text(data), wrapped=True, source_format="pdf")
