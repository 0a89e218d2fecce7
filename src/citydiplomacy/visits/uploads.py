"""The public form's one attachment: its type is decided by its content, not by its name or
the type the browser claims, and only an allow-list of document and image types is kept."""

import io
import zipfile

from django.utils.translation import gettext_lazy as _

MAX_BYTES = 5 * 1024 * 1024

#: type → (file extension, label)
ALLOWED = {
    "application/pdf": ("pdf", "PDF"),
    "image/png": ("png", "PNG"),
    "image/jpeg": ("jpg", "JPEG"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx", "DOCX"),
    "text/plain": ("txt", _("plain text")),
}


def _is_docx(head: bytes, data: bytes) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return "word/document.xml" in names and "[Content_Types].xml" in names


_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13)) + b"\x7f"


def _is_plain_text(data: bytes) -> bool:
    # Binary formats carry control bytes; text has none but tabs and line breaks.
    if any(byte in _CONTROL for byte in data[:65536]):
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    # Markup is not plain text: an HTML or SVG file would be a script carrier if ever served.
    lowered = text[:4096].lower()
    return not any(tag in lowered for tag in ("<html", "<script", "<svg", "<!doctype", "<?xml"))


def sniff(data: bytes) -> str | None:
    """The allowed type of ``data`` by its content, or None."""
    head = data[:8]
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if head == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if head[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if _is_docx(head, data):
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if data and _is_plain_text(data):
        return "text/plain"
    return None


def allowed_labels() -> str:
    return ", ".join(str(label) for _ext, label in ALLOWED.values())
