"""Forms of outgoing trips (request, decision, report), the approvers and the public register.
They render with HDS markup through the project's form renderer."""

from django import forms
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core.forms import VersionedModelForm
from citydiplomacy.core.models import OrganisationUnit, Role, User

from .models.trips import TripApproval, TripApprover

TEXT_LIMIT = 4000


def _textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows, "maxlength": TEXT_LIMIT})


class TripRequestForm(VersionedModelForm):
    """The pre-approval request: aims, expected benefit, estimated cost, why not virtual."""

    class Meta:
        model = TripApproval
        fields = ["aims", "expected_benefit", "estimated_cost", "why_not_virtual"]
        widgets = {
            "aims": _textarea(),
            "expected_benefit": _textarea(4),
            "why_not_virtual": _textarea(),
        }
        help_texts = {
            "expected_benefit": _(
                "How the trip serves the plan's objectives listed above (name them)."
            ),
            "estimated_cost": _("Travel, accommodation, daily allowances and fees, in euros."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estimated_cost"].validators.append(MinValueValidator(0))
        self.fields["estimated_cost"].widget.attrs["min"] = "0"
        for name in ("aims", "expected_benefit", "why_not_virtual"):
            self.fields[name].validators.append(MaxLengthValidator(TEXT_LIMIT))

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the requester"),
        widget=_textarea(),
        required=False,
        max_length=TEXT_LIMIT,
        help_text=_("Required when the trip is not approved."),
    )
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TripReportForm(forms.Form):
    report = forms.CharField(
        label=_("What happened"),
        widget=_textarea(5),
        max_length=TEXT_LIMIT,
        help_text=_(
            "Meetings held, people met, agreements made. For trips of elected members and "
            "directors the report is published in the public travel register."
        ),
    )
    benefit = forms.CharField(
        label=_("What the trip achieved"),
        widget=_textarea(4),
        max_length=TEXT_LIMIT,
        help_text=_("Against the aims and the plan's objectives: results, leads, follow-up."),
    )


class TripApproverForm(forms.ModelForm):
    class Meta:
        model = TripApprover
        fields = ["unit", "user"]
        help_texts = {
            "unit": _("The approver approves the trips of this unit and of the units below it."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrganisationUnit.objects.internal().filter(is_active=True)
        self.fields["user"].queryset = User.objects.filter(
            is_active=True, role__in=[Role.COORDINATOR, Role.UNIT_EDITOR, Role.VIEWER]
        ).order_by("last_name", "first_name", "username")

    def validate_unique(self):
        # A repeated pair is harmless (the service keeps one row); do not show an error.
        pass


class TravelRegisterFilter(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    person = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=100,
        help_text=_("A name or a title, e.g. Mayor"),
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]


DIMENSIONS = [("theme", _("Theme")), ("objective", _("Objective")), ("place", _("Region"))]
METRICS = [
    ("activities", _("Number of activities")),
    ("cost", _("Cost")),
    ("senior_days", _("Senior person-days")),
]
MAX_YEARS = 10


class AlignmentForm(forms.Form):
    """The alignment page's choices; ``unit`` and ``kind`` are the register's own filters."""

    plan = forms.ModelChoiceField(label=_("Plan"), queryset=None, required=False, empty_label=None)
    first_year = forms.IntegerField(
        label=_("From year"), min_value=2000, max_value=2100, required=False
    )
    last_year = forms.IntegerField(
        label=_("To year"), min_value=2000, max_value=2100, required=False
    )
    dimension = forms.ChoiceField(label=_("Compare by"), choices=DIMENSIONS, required=False)
    metric = forms.ChoiceField(label=_("Chart of"), choices=METRICS, required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=OrganisationUnit.objects.none(),
        required=False,
        empty_label=_("All units"),
    )

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["unit"].queryset = OrganisationUnit.objects.internal().filter(is_active=True)

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last:
            if last < first:
                self.add_error("last_year", _("The last year is before the first year."))
            elif last - first >= MAX_YEARS:
                self.add_error("last_year", _("Choose at most %(n)s years.") % {"n": MAX_YEARS})
        return data
