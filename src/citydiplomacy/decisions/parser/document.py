"""The common form every input format is turned into before fields are read."""

from dataclasses import dataclass, field

from .structure import Layout


@dataclass
class Hints:
    """Facts known from outside the decision text.

    They come from API JSON fields, from the repeated page headers of a PDF, or from
    the file name, and they win over what is read from the text.
    """

    section: int | None = None
    title: str | None = None
    diary_number: str | None = None
    classification_code: str | None = None
    language: str | None = None
    policymaker: str | None = None
    meeting_date: str | None = None
    kind: str | None = None
    votes: list = field(default_factory=list)
    attachments: list = field(default_factory=list)


@dataclass
class Document:
    """A decision as header and headed parts, plus the hints that came with it."""

    layout: Layout
    hints: Hints
    source_format: str
