"""Reading the input: path, bytes or str; size limit; decoding; format detection."""

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import DecisionParseError

MAX_BYTES = 20 * 1024 * 1024
FORMATS = ("auto", "text", "pdf", "html", "json")

_PATH_LIKE = re.compile(r"\.(?:txt|pdf|html?|json)$", re.IGNORECASE)
_HTML_TAG = re.compile(r"<(?:!doctype|html|head|body|div|p|h[1-6]|table|section)\b", re.I)
# Control characters that never occur in a text document (tab, newlines, form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class RawInput:
    """The bytes or text of the input and the file name it came from, if any."""

    data: bytes | str
    name: str | None


def read_source(source, filename: str | None, max_bytes: int) -> RawInput:
    """Return the input's content, refusing anything over ``max_bytes`` before reading it."""
    if isinstance(source, os.PathLike) or _names_a_file(source):
        return _read_path(Path(source), filename, max_bytes)
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str):
        data = source
    elif hasattr(source, "read"):
        data = source.read(max_bytes + 1)
    else:
        raise TypeError(f"source must be bytes, str or a path, not {type(source).__name__}")
    _check_size(len(data), max_bytes)
    return RawInput(data, filename)


def _names_a_file(source) -> bool:
    """Whether a str is a file name rather than content: an existing file, or one word
    ending in a document extension (then a missing file is reported as such)."""
    if not isinstance(source, str) or "\n" in source or not 0 < len(source) < 4096:
        return False
    return os.path.isfile(source) or bool(
        _PATH_LIKE.search(source.strip()) and len(source.split()) == 1
    )


def _read_path(path: Path, filename: str | None, max_bytes: int) -> RawInput:
    if not path.exists():
        raise DecisionParseError(f"file not found: {path}")
    try:
        _check_size(path.stat().st_size, max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise DecisionParseError(f"cannot read {path}: {exc.strerror or exc}") from exc
    _check_size(len(data), max_bytes)
    return RawInput(data, filename or path.name)


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise DecisionParseError(
            f"input is too large: over the {_human_size(max_bytes)} limit (max_bytes={max_bytes})"
        )


def _human_size(size: int) -> str:
    return f"{size / 1_048_576:g} MB" if size >= 1_048_576 else f"{size} bytes"


def detect_format(data: bytes | str) -> str:
    """Guess the format from the content: PDF magic, JSON, HTML tags, else text."""
    if isinstance(data, bytes):
        if _PDF_MAGIC in data[:1024]:
            return "pdf"
        data = decode_text(data)
    head = data.lstrip("\ufeff \t\r\n")[:4096]
    if head[:1] in ("{", "["):
        return "json"
    if head.startswith("<") or _HTML_TAG.search(head):
        return "html"
    return "text"


def decode_text(data: bytes) -> str:
    """Decode text bytes (UTF-8, UTF-16 with BOM or Windows-1252); refuse binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:8192]:
        raise DecisionParseError("binary file that is not a PDF: not a decision record")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Older Finnish exports are Windows-1252; undefined bytes become U+FFFD.
            text = data.decode("cp1252", errors="replace")
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 20):
        raise DecisionParseError("binary file that is not a PDF: not a decision record")
    return text


def as_text(data: bytes | str) -> str:
    """The input as text, decoding bytes when needed."""
    return decode_text(data) if isinstance(data, bytes) else data


def as_bytes(data: bytes | str) -> bytes:
    """The input as bytes (a PDF passed as str is taken as Latin-1, byte for byte)."""
    return data if isinstance(data, bytes) else data.encode("latin-1", errors="replace")
