"""Forms of the coordination radar: dismissing a finding and the radar's settings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core.models import OrganisationUnit

from .models import FindingKind, RadarSettings


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this not a problem?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give a reason for dismissing the finding.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason for dismissing the finding."))
        return reason


class FindingFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *FindingKind.choices], required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=OrganisationUnit.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    dismissed = forms.BooleanField(label=_("Show dismissed findings"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrganisationUnit.objects.internal().filter(is_active=True)


class RadarSettingsForm(forms.ModelForm):
    class Meta:
        model = RadarSettings
        fields = ["window_days", "duplicate_threshold", "idle_measure_days"]
