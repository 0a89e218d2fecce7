"""The choice of language and period for the follow-up report (in-app page and downloads)."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class FollowUpForm(forms.Form):
    language = forms.ChoiceField(label=_("Report language"), choices=settings.LANGUAGES)
    start = forms.DateField(
        label=_("Period start"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Empty: the start of the plan's period."),
    )
    end = forms.DateField(
        label=_("Period end"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Empty: today, or the end of the plan's period if it has ended."),
    )

    @classmethod
    def from_query(cls, query, default_language: str) -> "FollowUpForm":
        """Bound to the query string; the page's language when none is chosen."""
        data = query.copy()
        data.setdefault("language", default_language)
        return cls(data)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The period cannot end before it starts."))
        return cleaned

    def report_options(self) -> dict:
        """Keyword arguments for ``followup.build_report``."""
        data = self.cleaned_data
        return {"language": data["language"], "start": data["start"], "end": data["end"]}

    def query(self) -> str:
        """The same choice as a query string, for the download links."""
        data = self.cleaned_data
        pairs = {"language": data["language"]}
        pairs |= {key: data[key].isoformat() for key in ("start", "end") if data[key]}
        return urlencode(pairs)
