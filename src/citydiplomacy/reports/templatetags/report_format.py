"""The template filter that draws report blocks' runs as HTML (see ``reports.blocks``)."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def runs(items):
    """A block's runs (``blocks.Text`` and ``blocks.Chart``) as HTML. Done here rather than in
    a template: a large report has thousands of cells, and a span only where a run needs one
    keeps the PDF light."""
    parts = []
    for item in items:
        if item.kind == "chart":
            # Marked safe by blocks.chart(); any other string is escaped, never trusted.
            parts.append(conditional_escape(item.svg))
            continue
        if item.new_line:
            parts.append("<br>")
        text = conditional_escape(item.text)
        tag = "b" if item.bold else "span"
        if item.css:
            parts.append(format_html('<{0} class="{1}">{2}</{0}>', tag, item.css, text))
        else:
            parts.append(format_html("<b>{}</b>", text) if item.bold else text)
    return mark_safe("".join(parts))
