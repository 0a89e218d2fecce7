"""The parser's Markdown subset as HTML: paragraphs, bullet lists ("- ") and numbered lists
("1. "), nothing else.

Every piece of text is escaped; the only tags in the output are the ones written here
(``p``, ``br``, ``ul``, ``ol``, ``li``), so a decision's text can never inject markup. Pure
Python (no Django); the template filter marks the result safe.
"""

import re
from html import escape

_BULLET = re.compile(r"^[-•*]\s+(.*)$")
_NUMBERED = re.compile(r"^(\d{1,4})[.)]\s+(.*)$")


def to_html(text: str | None) -> str:
    """``text`` (blocks separated by blank lines) as escaped HTML."""
    if not text:
        return ""
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines:
            blocks.append(_block(lines))
    return "\n".join(blocks)


def _block(lines: list[str]) -> str:
    if all(_BULLET.match(line) for line in lines):
        items = "".join(f"<li>{escape(_BULLET.match(line)[1])}</li>" for line in lines)
        return f"<ul>{items}</ul>"
    numbered = [_NUMBERED.match(line) for line in lines]
    if all(numbered):
        start = int(numbered[0][1])
        attribute = "" if start == 1 else f' start="{start}"'
        items = "".join(f"<li>{escape(match[2])}</li>" for match in numbered)
        return f"<ol{attribute}>{items}</ol>"
    return "<p>" + "<br>".join(escape(line) for line in lines) + "</p>"


def to_plain(text: str | None) -> str:
    """``text`` as one line of plain text (list markers kept), for excerpts and documents."""
    return " ".join((text or "").split())
