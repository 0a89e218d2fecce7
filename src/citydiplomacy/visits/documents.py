"""A visit's programme as PDF (WeasyPrint, from an HTML template), DOCX (python-docx) and
iCalendar (one event per agenda item)."""

import io

from django.conf import settings
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from citydiplomacy.reports.render_pdf import BASE_URL, StaticFilesFetcher, cyclic_gc_paused

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LANGUAGE_TAGS = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}


def _context(visit) -> dict:
    items = list(visit.programme.all())
    return {
        "visit": visit,
        "items": items,
        "city": settings.CITY_NAME,
        "generated_at": timezone.now(),
    }


def render_html(visit) -> str:
    return render_to_string("visits/programme_document.html", _context(visit))


def render_pdf(visit) -> bytes:
    from weasyprint import HTML

    document = HTML(string=render_html(visit), base_url=BASE_URL, url_fetcher=StaticFilesFetcher())
    with cyclic_gc_paused():
        return document.write_pdf()


def _when(item) -> str:
    start = timezone.localtime(item.starts_at)
    end = timezone.localtime(item.ends_at)
    text = formats.date_format(start, "SHORT_DATE_FORMAT") + " "
    text += (
        formats.time_format(start, "TIME_FORMAT") + "–" + formats.time_format(end, "TIME_FORMAT")
    )
    return text


def _host(item) -> str:
    return ", ".join(filter(None, [item.host_name, item.host_unit.name if item.host_unit else ""]))


def render_docx(visit) -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    language = translation.get_language() or "fi"
    run_properties = document.styles["Normal"].element.get_or_add_rPr()
    element = OxmlElement("w:lang")
    element.set(qn("w:val"), LANGUAGE_TAGS.get(language, language))
    run_properties.append(element)
    document.core_properties.title = f"{_('Programme')}: {visit.organisation_name}"
    document.core_properties.author = settings.CITY_NAME
    document.add_heading(f"{_('Programme')}: {visit.organisation_name}", level=1)
    document.add_paragraph(
        f"{_('Reference')}: {visit.reference} · {visit.country.name}"
        f"{' · ' + visit.city_name if visit.city_name else ''} · "
        f"{_('Delegation')}: {visit.delegation_size}"
    )
    items = list(visit.programme.all())
    if not items:
        document.add_paragraph(_("The programme has no items yet."))
    else:
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, (_("Time"), _("Item"), _("Venue"), _("Host")), strict=True
        ):
            cell.text = text
        for item in items:
            cells = table.add_row().cells
            for cell, text in zip(
                cells, (_when(item), item.title, item.venue, _host(item)), strict=True
            ):
                cell.text = text
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def render_ical(visit) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//citydiplomacy//visits//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{_('Programme')}: {visit.organisation_name}")
    stamp = timezone.now()
    for item in visit.programme.all():
        event = Event()
        event.add("uid", f"visit-{visit.pk}-item-{item.pk}@citydiplomacy")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.starts_at)
        event.add("dtend", item.ends_at)
        event.add("summary", f"{item.title} ({visit.organisation_name})")
        if item.venue:
            event.add("location", item.venue)
        description = [f"{_('Reference')}: {visit.reference}"]
        if _host(item):
            description.append(f"{_('Host')}: {_host(item)}")
        if item.notes:
            description.append(item.notes)
        event.add("description", "\n".join(description))
        calendar.add_component(event)
    return calendar.to_ical()


FORMATS = {
    "pdf": (render_pdf, "application/pdf", "pdf"),
    "docx": (render_docx, DOCX_TYPE, "docx"),
    "ics": (render_ical, "text/calendar; charset=utf-8", "ics"),
}


def render(visit, fmt: str, language: str) -> tuple[bytes, str, str]:
    if fmt not in FORMATS:
        raise Http404
    renderer, content_type, extension = FORMATS[fmt]
    with translation.override(language):
        return renderer(visit), content_type, extension
