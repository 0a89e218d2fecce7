"""HTML of Ahjo decisions (the API's Content / Motion / HTML fields, saved pages)."""

from html.parser import HTMLParser

from .document import Document, Hints
from .fields import deobfuscate_emails
from .text import document_from_blocks

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "table",
        "tr",
        "td",
        "th",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "caption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
    }
)
# Site chrome and invisible content: nothing of the decision is in there.
_SKIPPED_TAGS = frozenset(
    {
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "svg",
        "button",
        "form",
        "select",
        "title",
    }
)


class _BlockCollector(HTMLParser):
    """Collects the text of block elements, one line per block, as the samples have it.

    List items get "• " (``ul``) or "1. " (``ol``) in front; ``<br>`` starts a new line.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.language: str | None = None
        self._buffer: list[str] = []
        self._prefix = ""
        self._lists: list[list] = []  # [tag, next number] per open list
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag == "html":
            self.language = self.language or _language_attribute(attrs)
        elif tag == "br" or tag in _BLOCK_TAGS:
            self._flush()
            self._open_list_item(tag)

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._flush()

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag in ("ul", "ol") and self._lists:
                self._lists.pop()

    def handle_data(self, data):
        if not self._skipping:
            self._buffer.append(data)

    def close(self):
        super().close()
        self._flush()

    def _open_list_item(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self._lists.append([tag, 1])
        elif tag == "li":
            kind, number = self._lists[-1] if self._lists else ("ul", 1)
            self._prefix = f"{number}. " if kind == "ol" else "• "
            if self._lists:
                self._lists[-1][1] += 1

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        self._buffer.clear()
        if text:
            self.blocks.append(deobfuscate_emails(self._prefix + text))
            self._prefix = ""


def _language_attribute(attrs) -> str | None:
    value = dict(attrs).get("lang") or ""
    return value[:2].lower() if value[:2].lower() in ("fi", "sv") else None


def html_blocks(markup: str) -> tuple[list[str], str | None]:
    """Block texts of an HTML document and its ``lang`` ("fi"/"sv") if it has one."""
    collector = _BlockCollector()
    collector.feed(markup)
    collector.close()
    return collector.blocks, collector.language


def document_from_html(markup: str) -> Document:
    """Read the HTML rendering of a decision."""
    blocks, language = html_blocks(markup)
    return document_from_blocks(blocks, Hints(language=language), "html")
