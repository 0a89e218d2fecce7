"""Forms of the plan. They render with HDS markup through the project's form renderer."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core import access
from citydiplomacy.core.forms import VersionedModelForm
from citydiplomacy.core.models import OrganisationUnit

from .models import Measure, MeasureStatus, ValueKind


class StatusUpdateForm(forms.Form):
    """The one short form an owner fills in: status, progress and a sentence or two."""

    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("Progress must be between 0 and 100."),
            "max_value": _("Progress must be between 0 and 100."),
        },
    )
    text = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    reported_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )

    def clean_reported_on(self):
        reported_on = self.cleaned_data["reported_on"]
        if reported_on > timezone.localdate():
            raise ValidationError(_("An update cannot be dated in the future."))
        return reported_on


class MeasureForm(VersionedModelForm):
    class Meta:
        model = Measure
        fields = [
            "code",
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "objectives",
            "tools",
            "unit",
            "partner_units",
            "owner",
            "themes",
            "start_date",
            "end_date",
            "weight",
            "budget",
            "update_interval_days",
            "visibility",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "objectives": forms.CheckboxSelectMultiple,
            "tools": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "description_fi": forms.Textarea(attrs={"rows": 3}),
            "description_sv": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan, self.user = plan, user
        self.fields["title_fi"].required = True
        self.fields["objectives"].queryset = plan.objectives.all()
        self.fields["tools"].queryset = plan.tools.all()
        units = OrganisationUnit.objects.internal().filter(is_active=True)
        if not access.is_coordinator(user):
            units = units.filter(path__startswith=user.unit.path)
        self.fields["unit"].queryset = units
        self.fields["partner_units"].queryset = OrganisationUnit.objects.filter(is_active=True)
        self.fields["partner_units"].required = False

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot be before the start."))
        code = cleaned.get("code")
        clash = Measure.objects.filter(plan=self.plan, code=code).exclude(pk=self.instance.pk)
        if code and clash.exists():
            self.add_error("code", _("Another measure of this plan has this code."))
        return cleaned


class IndicatorValueForm(forms.Form):
    """One year's target or actual of an indicator."""

    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)
    kind = forms.ChoiceField(label=_("Kind"), choices=ValueKind.choices)
    value = forms.FloatField(
        label=_("Value"), error_messages={"invalid": _("Enter a number, for example 12.5.")}
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean(self):
        cleaned = super().clean()
        year, kind = cleaned.get("year"), cleaned.get("kind")
        if year and kind == ValueKind.TARGET and year not in self.plan.years:
            self.add_error(
                "year",
                _("A target must be for a year of the plan period (%(start)s–%(end)s).")
                % {"start": self.plan.start_year, "end": self.plan.end_year},
            )
        return cleaned
