"""Splitting a decision's lines into its header and its headed parts."""

import re
from dataclasses import dataclass, field

from . import vocabulary as v

# "§ 944" (bodies), "3 §" (officeholders), "Asia 9. / 409 §" (paatokset.hel.fi pages).
SECTION_LINE = re.compile(
    r"^(?:§\s*(\d{1,5})|(\d{1,5})\s*§|(?:Asia|Ärende|Case)\s+\d{1,3}\.\s*/\s*(\d{1,5})\s*§)$"
)
DIARY_LINE = re.compile(r"\bHEL[\s-]*\d{4}[\s-]+\d{1,6}\b", re.IGNORECASE)


@dataclass
class Part:
    """One headed part of a decision, e.g. the lines under "Päätös"."""

    role: str
    heading: str
    lines: list[str] = field(default_factory=list)


@dataclass
class Layout:
    """A decision as header blocks and headed parts (history already cut off).

    ``header`` holds what precedes the first heading: section line, title, diary line.
    ``parts`` keep document order; a heading may occur twice (the minutes PDF prints
    the presenter and contacts again after the proposal).
    """

    header: list[str]
    parts: list[Part]

    def first(self, *roles: str) -> Part | None:
        """The first part with one of ``roles`` that has some content."""
        return next((p for p in self.parts if p.role in roles and p.lines), None)

    def all_lines(self, role: str) -> list[str]:
        """Lines of every part with ``role``, in order."""
        return [line for part in self.parts if part.role == role for line in part.lines]

    def has(self, role: str) -> bool:
        """Whether a heading of this role occurs at all (even with no content)."""
        return any(part.role == role for part in self.parts)


def heading_role(line: str) -> str | None:
    """The role of ``line`` if the whole line is a known heading."""
    return v.HEADING_ROLES.get(line.strip())


def split_parts(lines: list[str]) -> tuple[list[str], list[Part]]:
    """Group lines under their headings; stop at the decision history.

    Lines keep their original form (wrapped PDF text still needs its indentation and
    blank lines); only the heading lines themselves are consumed.
    """
    header: list[str] = []
    parts: list[Part] = []
    for line in lines:
        role = heading_role(line)
        if role and not _is_table_header_cell(line, parts):
            if role == v.HISTORY:
                break  # earlier handlings repeat every heading; they are not this decision
            parts.append(Part(role, line.strip()))
        elif parts:
            parts[-1].lines.append(line)
        else:
            header.append(line)
    return header, parts


def _is_table_header_cell(line: str, parts: list[Part]) -> bool:
    # "Utdrag" is both the Swedish heading and the first cell of the table under it.
    last = parts[-1] if parts else None
    return bool(
        last
        and last.role == v.EXTRACTS
        and not any(text.strip() for text in last.lines)
        and line.strip() in v.EXTRACT_TABLE_HEADERS
    )


def section_number(line: str) -> int | None:
    """The number in a section line such as "§ 944" or "2 §"."""
    match = SECTION_LINE.match(line.strip())
    if not match:
        return None
    return int(match.group(1) or match.group(2) or match.group(3))


def is_officeholder_section(line: str) -> bool:
    """Officeholders number their decisions "3 §"; bodies print "§ 944"."""
    match = SECTION_LINE.match(line.strip())
    return bool(match and match.group(2))
