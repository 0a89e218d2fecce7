"""Forms of the decisions' pages; they render with HDS markup through the project renderer."""

from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".txt,.pdf,.html,.htm,.json,text/*"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=_("Decision records"),
        help_text=_(
            "One or more files: text, PDF with a text layer, HTML, or JSON of the city's "
            "decision API; at most 20 MB each."
        ),
        # The size limit is checked per file by the import, which reports each one separately.
        allow_empty_file=True,
    )


class FollowUpForm(forms.Form):
    due_date = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
