"""Template tags of the register's activity pages."""

from django import template
from django.template.loader import get_template

register = template.Library()


@register.simple_tag(takes_context=True)
def include_if_exists(context, template_name):
    """Render ``template_name`` with the page's context if it exists, nothing otherwise.

    The activity page has slots that other parts of the register fill (the trip approval, the
    radar's findings); the page works before those templates exist.
    """
    try:
        slot = get_template(template_name)
    except template.TemplateDoesNotExist:
        return ""
    return slot.render(context.flatten(), context.get("request"))


@register.simple_tag
def url_with(query, **params):
    """``?query&name=value…``: the current filter query with parameters set or replaced."""
    from django.http import QueryDict

    kept = QueryDict(query or "", mutable=True)
    for name, value in params.items():
        kept[name] = value
    return "?" + kept.urlencode()


@register.simple_tag
def select_field(field):
    """A select field as the HDS field template renders it, built in Python.

    The list's filter form has selects with hundreds of options (countries); rendering each
    option through its own widget template costs more than the rest of the page.
    """
    from django.utils.html import format_html, format_html_join
    from django.utils.safestring import mark_safe

    value = field.value()
    selected = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value or "")}
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (str(key), mark_safe(" selected") if str(key) in selected else "", label)
            for key, label in field.field.choices
        ),
    )
    errors = format_html_join(
        "",
        '<span class="hds-text-input__error-text" id="{}_error">{}</span>',
        ((field.auto_id, error) for error in field.errors),
    )
    invalid = " hds-text-input--invalid" if field.errors else ""
    described = (
        format_html(' aria-invalid="true" aria-describedby="{}_error"', field.auto_id)
        if field.errors
        else ""
    )
    return format_html(
        '<div class="hds-text-input form-field{}"><label for="{}" class="hds-text-input__label">'
        "{}</label>"
        '<div class="hds-text-input__input-wrapper"><select name="{}" id="{}" '
        'class="hds-text-input__input hds-select"{}>{}</select></div>{}</div>',
        invalid,
        field.auto_id,
        field.label,
        field.html_name,
        field.auto_id,
        described,
        options,
        errors,
    )
