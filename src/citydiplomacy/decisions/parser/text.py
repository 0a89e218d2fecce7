"""Plain text: the one-block-per-line form and text extracted from a minutes PDF."""

import re

from .document import Document, Hints
from .fields import deobfuscate_emails
from .layout import looks_wrapped, unwrap
from .structure import Layout, heading_role, split_parts

_LONE_NUMBER = re.compile(r"^\d{1,3}\.$")


def document_from_text(
    text: str, *, wrapped: bool | None = None, source_format: str = "text"
) -> Document:
    """Read decision text; ``wrapped`` forces (or rules out) PDF line-wrap handling."""
    lines = [deobfuscate_emails(line) for line in text.lstrip("\ufeff").splitlines()]
    if wrapped is None:
        wrapped = looks_wrapped(lines)
    if not wrapped:
        return document_from_blocks(lines, Hints(), source_format)
    header, parts, page = unwrap(lines)
    hints = Hints(policymaker=page.policymaker, meeting_date=page.date)
    return Document(Layout(header, parts), hints, source_format)


def document_from_blocks(lines: list[str], hints: Hints, source_format: str) -> Document:
    """Read lines that are already one block each (the samples' form, HTML blocks)."""
    blocks = _merge_lone_numbers([" ".join(line.split()) for line in lines if line.strip()])
    header, parts = split_parts(blocks)
    return Document(Layout(header, parts), hints, source_format)


def _merge_lone_numbers(blocks: list[str]) -> list[str]:
    # An <ol> item holding a paragraph renders as "1." on its own line before the text.
    merged: list[str] = []
    for block in blocks:
        if merged and _LONE_NUMBER.match(merged[-1]) and not heading_role(block):
            merged[-1] = f"{merged[-1]} {block}"
        else:
            merged.append(block)
    return merged
