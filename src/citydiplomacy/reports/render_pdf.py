"""PDF rendering with WeasyPrint from the same section templates as the in-app page.

WeasyPrint fetches the stylesheet itself. It is given the file from the static files (the
collected copy in production, the app's own file in development) through a fetcher that reads
only static files: no request to a server is made, and a report's content cannot make the
renderer read other local files or the network.
"""

import gc
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .followup import Report, template_context

DOCUMENT_TEMPLATE = "reports/follow_up.html"
# Root-relative URLs such as /static/… resolve against this to file:///static/….
BASE_URL = "file:///"


def render_html(report: Report, template_name: str = DOCUMENT_TEMPLATE) -> str:
    """The report as one standalone HTML document (the PDF's source)."""
    with translation.override(report.language):
        return render_to_string(template_name, template_context(report))


def render_pdf(report: Report) -> bytes:
    html = render_html(report)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher())
    with cyclic_gc_paused():
        return document.write_pdf()


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a while.

    WeasyPrint allocates millions of small objects while laying out a long document, and each
    of the collector's full passes walks all of them again: on a 130-page report that was 40 %
    of the time. Reference counting still frees memory meanwhile; the collector resumes after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def static_file_path(url: str) -> Path | None:
    """The file behind a static-file URL, or None if ``url`` is not one."""
    static_prefix = urlsplit(settings.STATIC_URL).path
    path = urlsplit(url).path
    if not path.startswith(static_prefix):
        return None
    name = unquote(path[len(static_prefix) :])
    try:
        found = finders.find(name)
        # Hashed names (production's manifest storage) exist only among the collected files.
        if not found and settings.STATIC_ROOT and staticfiles_storage.exists(name):
            found = staticfiles_storage.path(name)
    except (SuspiciousFileOperation, NotImplementedError):
        return None
    return Path(found) if found else None


class StaticFilesFetcher(URLFetcher):
    """Serves static files from disk; refuses every other URL."""

    def fetch(self, url, headers=None):
        path = static_file_path(url)
        if path is None:
            raise ValueError(f"A report loads only static files, not {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
