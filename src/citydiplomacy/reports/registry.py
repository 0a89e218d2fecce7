"""The registry of report sections.

A report (e.g. the follow-up report, key ``"follow-up"``) is the ordered list of sections
registered for it. Each capability registers its own sections from its ``AppConfig.ready``, so
the report code never changes when a capability (activity alignment, decisions,
benchmarking, …) adds one::

    from citydiplomacy.reports.registry import Section, register

    class DecisionsSection(Section):
        key = "decisions"
        order = 50
        title = _("Decisions")
        template_name = "decisions/report/decisions.html"

        def build(self, context):
            return list(Decision.objects.visible_to(context.user).filter(...))

        def write_docx(self, document, data):
            ...

    register(DecisionsSection())

``build`` runs once per report under the report's language and must read records only through
``visible_to(context.user)``. Its result is given to the HTML fragment ``template_name`` (as
``data``; used by both the in-app page and the PDF) and to ``write_docx``.

Most sections need neither: a ``blocks.BlockSection`` returns headings, paragraphs, tables and
charts from ``build``, and one template and one DOCX writer draw them in every format.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ImproperlyConfigured

FOLLOW_UP = "follow-up"

_sections: dict[str, dict[str, "Section"]] = {}


class Section:
    """One section of a report. Subclass it and register an instance."""

    key: str = ""  # unique within the report; also the HTML anchor (#section-<key>)
    report: str = FOLLOW_UP
    order: int = 100  # sections are shown by ascending order, then key
    title: Any = ""  # a lazily translated string
    template_name: str = ""  # HTML fragment; receives ``section``, ``data`` and ``report``

    def build(self, context) -> Any:
        """The section's data for ``context`` (see ``followup.FollowUpContext``)."""
        raise NotImplementedError

    def write_docx(self, document, data) -> None:
        """Add the section's body (its heading is already written) to a python-docx document."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.report}/{self.key}>"


def register(section: Section) -> Section:
    """Add ``section`` to its report. Registering the same class again replaces it (harmless
    when a module is imported twice); another section under a taken key is an error."""
    if not section.key or not section.template_name:
        raise ImproperlyConfigured(f"{section!r} needs a key and a template_name.")
    report = _sections.setdefault(section.report, {})
    existing = report.get(section.key)
    if existing is not None and type(existing).__qualname__ != type(section).__qualname__:
        raise ImproperlyConfigured(
            f"Report section {section.report}/{section.key} is already registered by {existing!r}."
        )
    report[section.key] = section
    return section


def unregister(key: str, report: str = FOLLOW_UP) -> None:
    _sections.get(report, {}).pop(key, None)


def sections_for(report: str = FOLLOW_UP) -> list[Section]:
    """The report's sections in display order."""
    return sorted(_sections.get(report, {}).values(), key=lambda s: (s.order, s.key))


@contextmanager
def registered(section: Section) -> Iterator[Section]:
    """Register ``section`` for the duration of a ``with`` block (tests, previews)."""
    register(section)
    try:
        yield section
    finally:
        unregister(section.key, section.report)
