"""Forms of benchmarking. They render with HDS markup through the project's form renderer;
validation that needs the store or the engine is delegated to the services."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core.models import OrganisationUnit, Region, Visibility

from .models import CompositeIndex, ExternalRanking, PeerSet, StatIndicator
from .services import importing, indices, peersets, store

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class JsonTextField(forms.CharField):
    """JSON typed in a textarea; a syntax error names the line and column."""

    widget = forms.Textarea(attrs={"rows": 14, "spellcheck": "false", "class": "code-input"})

    def prepare_value(self, value):
        if isinstance(value, str):
            return value
        return json.dumps(value, indent=2, ensure_ascii=False)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise ValidationError(
                _("Not valid JSON: line %(line)s, column %(column)s: %(problem)s."),
                params={"line": error.lineno, "column": error.colno, "problem": error.msg},
            ) from None


def _city_list(text: str, field: str, form) -> list:
    parts = [p for p in (text or "").replace(";", ",").replace("\n", ",").split(",") if p.strip()]
    cities, problems = store.find_cities(parts)
    for problem in problems:
        form.add_error(field, problem)
    return cities


# Data import -------------------------------------------------------------------------------


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Statistics file"),
        help_text=_("Eurostat TSV or SDMX-CSV, a data-browser CSV, or a long or wide CSV."),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("auto", _("Recognise automatically")), *[(f, f) for f in importing.FORMATS[1:]]],
        initial="auto",
    )
    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=200,
        help_text=_("Default for Eurostat files: Eurostat."),
    )
    licence = forms.CharField(label=_("Licence"), required=False, max_length=120)
    attribution = forms.CharField(
        label=_("Attribution"),
        required=False,
        max_length=200,
        help_text=_(
            "Shown wherever the figures are. Default for Eurostat files: “Source: Eurostat”."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 50 MB."))
        return upload

    def options(self) -> dict:
        """Source, licence and attribution as given (unset ones take the format's defaults)."""
        return {
            k: self.cleaned_data[k]
            for k in ("source", "licence", "attribution")
            if self.cleaned_data[k]
        }


# Peer selection ----------------------------------------------------------------------------


class PeerSelectionForm(forms.Form):
    """Indicators with weights, the year and the constraints; read from the query string."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    k = forms.IntegerField(label=_("Number of peers"), min_value=1, max_value=50, initial=10)
    must_include = forms.CharField(
        label=_("Always include"),
        required=False,
        help_text=_("City names or Eurostat codes, separated by commas."),
    )
    exclude = forms.CharField(
        label=_("Exclude"),
        required=False,
        help_text=_("City names or Eurostat codes, separated by commas."),
    )
    region = forms.ModelChoiceField(
        label=_("Only from region"), queryset=Region.objects.all(), required=False
    )
    standardisation = forms.ChoiceField(
        label=_("Standardisation"),
        choices=[
            ("zscore", _("Mean and standard deviation")),
            ("robust", _("Robust: median and median absolute deviation")),
        ],
        initial="zscore",
    )
    min_overlap = forms.IntegerField(
        label=_("Indicators a city must share with the home city"),
        required=False,
        min_value=1,
        help_text=_("Default: half of the chosen indicators."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(StatIndicator.objects.order_by("code"))
        years = store.years_with_data()
        self.fields["year"].choices = [(y, y) for y in years]
        if 2016 in years:
            self.fields["year"].initial = 2016
        for indicator in self.indicators:
            self.fields[f"w_{indicator.code}"] = forms.FloatField(
                label=str(indicator),
                min_value=0,
                required=False,
                initial=peersets.DEFAULT_WEIGHTS.get(indicator.code, 0),
                widget=forms.NumberInput(attrs={"step": "any"}),
            )

    @property
    def weight_fields(self):
        return [self[f"w_{i.code}"] for i in self.indicators]

    @property
    def other_fields(self):
        return [self[name] for name in self.fields if not name.startswith("w_")]

    def clean(self):
        data = super().clean()
        weights = {
            i.code: data.get(f"w_{i.code}") or 0 for i in self.indicators if data.get(f"w_{i.code}")
        }
        if not weights:
            raise ValidationError(_("Give at least one indicator a weight above zero."))
        data["weights"] = weights
        data["must_include_cities"] = _city_list(data.get("must_include"), "must_include", self)
        data["exclude_cities"] = _city_list(data.get("exclude"), "exclude", self)
        return data

    def to_request(self, home) -> peersets.PeerRequest:
        data = self.cleaned_data
        return peersets.PeerRequest(
            home=home,
            year=data["year"],
            weights=data["weights"],
            k=data.get("k") or 10,
            must_include=data["must_include_cities"],
            exclude=data["exclude_cities"],
            region=data.get("region"),
            standardisation=data["standardisation"],
            min_overlap=data.get("min_overlap"),
        )


class ClusterForm(PeerSelectionForm):
    """The peer form's indicators, weights and year, and the number of groups."""

    n_clusters = forms.IntegerField(
        label=_("Number of groups"), min_value=2, max_value=20, initial=6
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("k", "must_include", "exclude", "region", "min_overlap"):
            del self.fields[name]


class OwnedForm(forms.ModelForm):
    """The owning unit and visibility every analysis record carries."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrganisationUnit.objects.filter(is_active=True)
        if user is not None and user.unit_id and not self.instance.pk:
            self.fields["unit"].initial = user.unit_id
        self.fields["visibility"].initial = self.instance.visibility or Visibility.INTERNAL


class PeerSetSaveForm(OwnedForm):
    class Meta:
        model = PeerSet
        fields = ["name", "rationale", "unit", "visibility"]
        widgets = {"rationale": forms.Textarea(attrs={"rows": 3})}


# Composite indices -------------------------------------------------------------------------


class CompositeIndexForm(OwnedForm):
    hierarchy = JsonTextField(
        label=_("Hierarchy"),
        help_text=_(
            'A list of rows {"code", "parent", "weight"}; optional "direction" (1 or -1), '
            '"name" and "denominator". Rows without children are indicators of the store; '
            "one row without a parent is the index."
        ),
    )
    spec = JsonTextField(
        label=_("Pipeline specification"),
        help_text=_(
            'The engine\'s steps, e.g. {"steps": [{"op": "normalise"}, {"op": "aggregate"}]}.'
        ),
    )
    city_list = forms.CharField(
        label=_("Cities"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Without a peer set: city names or Eurostat codes, separated by commas."),
    )

    class Meta:
        model = CompositeIndex
        fields = [
            "name",
            "description",
            "year",
            "peer_set",
            "hierarchy",
            "spec",
            "unit",
            "visibility",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["peer_set"].queryset = PeerSet.objects.visible_to(user).select_related("home")
        if self.instance.pk:
            self.fields["city_list"].initial = ", ".join(c.code for c in self.instance.cities.all())

    def clean(self):
        data = super().clean()
        self.cities = _city_list(data.get("city_list"), "city_list", self)
        if "hierarchy" in data and "spec" in data and data["hierarchy"] is not None:
            try:
                indices.check_definition(data["hierarchy"], data["spec"])
            except indices.IndexDefinitionError as error:
                for field, messages in error.problems.items():
                    for message in messages:
                        self.add_error(field, message)
        if not data.get("peer_set") and not self.cities:
            self.add_error("city_list", _("Choose a peer set or list the cities to compare."))
        return data

    def save(self, commit=True):
        index = super().save(commit=commit)
        if commit:
            index.cities.set(self.cities)
        return index


class UncertaintyForm(forms.Form):
    factors = JsonTextField(
        label=_("Uncertain factors"),
        help_text=_("The engine's factors document: which choices vary and how."),
    )
    n = forms.IntegerField(label=_("Sample size N"), min_value=1, max_value=10_000, initial=100)
    seed = forms.IntegerField(label=_("Random seed"), required=False, initial=1)


# Rankings ----------------------------------------------------------------------------------


class ExternalRankingForm(OwnedForm):
    url = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")

    class Meta:
        model = ExternalRanking
        fields = ["name", "publisher", "url", "description", "unit", "visibility"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class RankingEntryForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)
    city = forms.CharField(label=_("City"), help_text=_("A city name or Eurostat code."))
    rank = forms.IntegerField(label=_("Rank"), min_value=1, required=False)
    score = forms.FloatField(label=_("Score"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("city"):
            cities = _city_list(data["city"], "city", self)
            data["city_object"] = cities[0] if len(cities) == 1 else None
            if len(cities) > 1:
                self.add_error("city", _("Give one city."))
        if data.get("rank") is None and data.get("score") is None and not self.errors:
            raise ValidationError(_("Give a rank or a score."))
        return data


class RankingTargetForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)
    target_rank = forms.IntegerField(label=_("Target rank"), min_value=1)


class RankingCsvForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: year, city (name or Eurostat code), rank, score."),
    )
