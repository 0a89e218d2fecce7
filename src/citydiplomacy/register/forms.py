"""Forms of the register's activity and partner-organisation pages.

Cities (tens of thousands) and partner organisations (thousands) are never listed in full: their
fields show only what is chosen, a script adds more through search, and without the script a
text field takes names that are resolved on the server.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core import access, places
from citydiplomacy.core.forms import VersionedModelForm
from citydiplomacy.core.models import City, Country, OrganisationUnit, Theme
from citydiplomacy.plan.models import Measure, Objective, PlanStatus

from .models import Activity, ActivityAttachment, PartnerKind, PartnerOrganisation
from .services.activities import MAX_ATTACHMENT_BYTES, check_attachment

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHOOSER_TEMPLATE = "register/activities/_chooser_field.html"


class ChosenOnlyCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes for the chosen values only (all ticked): untick to remove, search to add."""

    def optgroups(self, name, value, attrs=None):
        ids = [v for v in value if str(v).isdigit()]
        everything = self.choices
        queryset = getattr(everything, "queryset", None)
        if queryset is None:
            return super().optgroups(name, value, attrs)
        chosen = queryset.filter(pk__in=ids) if ids else queryset.none()
        self.choices = [everything.choice(obj) for obj in chosen]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = everything


class CityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}, {obj.country.name}"


def _names(text: str) -> list[str]:
    """Names given one per line or separated by semicolons."""
    return [name.strip() for name in re.split(r"[\n;]", text or "") if name.strip()]


def _is_country(record, name: str) -> bool:
    """Whether ``record``'s country is called ``name`` in any language, or has that code."""
    country = record.country
    wanted = places.fold(name)
    names = (
        country.code,
        country.name,
        *(getattr(country, f"name_{lang}", "") for lang in ("fi", "sv", "en")),
    )
    return any(places.fold(n or "") == wanted for n in names)


class ActivityForm(VersionedModelForm):
    """Every field of an activity, with the owning unit limited to units the user may edit."""

    add_cities = forms.CharField(
        label=_("Add cities by name"),
        required=False,
        max_length=2000,
        help_text=_(
            "Separate several with semicolons. The most populous city of that name is taken; "
            "pick from the suggestions to choose another."
        ),
    )
    add_partners = forms.CharField(
        label=_("Add partner organisations by name"),
        required=False,
        max_length=2000,
        help_text=_(
            "Partner organisations already in the register; separate several with semicolons."
        ),
    )
    new_partner_name = forms.CharField(
        label=_("New partner organisation: name"), required=False, max_length=200
    )
    new_partner_kind = forms.ChoiceField(
        label=_("New partner organisation: type"),
        choices=[("", "—"), *PartnerKind.choices],
        required=False,
    )
    new_partner_country = forms.ModelChoiceField(
        label=_("New partner organisation: country"),
        queryset=Country.objects.all(),
        required=False,
    )
    attachment = forms.FileField(label=_("Add an attachment"), required=False)
    attachment_name = forms.CharField(
        label=_("Name of the attachment"),
        required=False,
        max_length=200,
        help_text=_("Shown instead of the file name."),
    )
    remove_attachments = forms.ModelMultipleChoiceField(
        label=_("Remove attachments"),
        queryset=ActivityAttachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "description",
            "status",
            "start_date",
            "end_date",
            "unit",
            "units",
            "external_actors",
            "countries",
            "cities",
            "partners",
            "objectives",
            "measures",
            "themes",
            "delegation_level",
            "participant_count",
            "senior_participant_count",
            "participants",
            "budget",
            "actual_cost",
            "outcomes",
            "visibility",
            "shared_with",
        ]
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
            "participants": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
            "objectives": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
            "cities": ChosenOnlyCheckboxes,
            "partners": ChosenOnlyCheckboxes,
        }
        field_classes = {"cities": CityChoiceField}

    #: Form fields in the order the page shows them, in groups (legend, field names).
    SECTIONS = (
        (_("The activity"), ("kind", "title", "description", "status", "start_date", "end_date")),
        (_("Who takes part"), ("unit", "units", "external_actors")),
        (_("Where"), ("countries", "cities", "add_cities")),
        (
            _("Partner organisations"),
            (
                "partners",
                "add_partners",
                "new_partner_name",
                "new_partner_kind",
                "new_partner_country",
            ),
        ),
        (_("The plan"), ("objectives", "measures", "themes")),
        (
            _("Delegation and participants"),
            ("delegation_level", "participant_count", "senior_participant_count", "participants"),
        ),
        (_("Money and outcomes"), ("budget", "actual_cost", "outcomes")),
        (_("Attachments"), ("attachment", "attachment_name", "remove_attachments")),
        (_("Visibility"), ("visibility", "shared_with")),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        instance = self.instance
        fields = self.fields

        units = OrganisationUnit.objects.internal().filter(is_active=True)
        own = (
            units if access.is_coordinator(user) else units.filter(path__startswith=user.unit.path)
        )
        if instance.pk and instance.unit_id:
            own = own | OrganisationUnit.objects.filter(pk=instance.unit_id)
        fields["unit"].queryset = own.distinct()
        fields["units"].queryset = units
        fields["external_actors"].queryset = OrganisationUnit.objects.external().filter(
            is_active=True
        )
        fields["shared_with"].queryset = OrganisationUnit.objects.external().filter(is_active=True)

        fields["cities"].queryset = City.objects.select_related("country")
        fields["partners"].queryset = PartnerOrganisation.objects.select_related("country")
        for name in ("cities", "partners"):
            fields[name].template_name = CHOOSER_TEMPLATE

        # Objectives and measures of plans being carried out, and whatever is already linked.
        linked_objectives = Q(pk__in=instance.objectives.all()) if instance.pk else Q(pk__in=[])
        linked_measures = Q(pk__in=instance.measures.all()) if instance.pk else Q(pk__in=[])
        monitored = Q(plan__status__in=PlanStatus.monitored())
        fields["objectives"].queryset = Objective.objects.filter(
            monitored | linked_objectives
        ).select_related("plan")
        fields["measures"].queryset = (
            Measure.objects.visible_to(user)
            .filter(monitored | linked_measures)
            .order_by("plan_id", "code")
        )
        fields["themes"].queryset = Theme.objects.all()

        if instance.pk:
            fields["remove_attachments"].queryset = instance.attachments.all()
        else:
            del fields["remove_attachments"]
        for name in ("budget", "actual_cost"):
            fields[name].validators.append(MinValueValidator(0))
            fields[name].widget.attrs["min"] = 0
        fields["attachment"].help_text = _("At most %(limit)s MB. Accepted: %(types)s.") % {
            "limit": MAX_ATTACHMENT_BYTES // 1024 // 1024,
            "types": "PDF, PNG, JPEG, DOCX, XLSX, PPTX, TXT, CSV",
        }
        fields["add_cities"].widget.attrs.update(
            {"data-autocomplete": "cities", "autocomplete": "off", "data-target": "cities"}
        )
        fields["add_partners"].widget.attrs.update(
            {"data-autocomplete": "partners", "autocomplete": "off", "data-target": "partners"}
        )

    def sections(self):
        """(legend, bound fields) per group, for the template."""
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.SECTIONS
        ]

    def clean_add_cities(self):
        found, missing = [], []
        for name in _names(self.cleaned_data.get("add_cities", "")):
            # "Name, Country" as the suggestions show it: the country narrows the search.
            city_name, _sep, country = name.partition(",")
            candidates = list(places.search_cities(city_name, limit=20))
            in_country = [c for c in candidates if country.strip() and _is_country(c, country)]
            city = (in_country or candidates or [None])[0]
            (found.append(city) if city else missing.append(name))
        if missing:
            raise ValidationError(
                _("No city found with the name: %(names)s."), params={"names": ", ".join(missing)}
            )
        return found

    def clean_add_partners(self):
        found, problems = [], []
        for name in _names(self.cleaned_data.get("add_partners", "")):
            matches = list(PartnerOrganisation.objects.filter(name__iexact=name)[:2])
            if not matches and "," in name:
                # "Name, Country" as the suggestions show it.
                bare, country = (part.strip() for part in name.rsplit(",", 1))
                candidates = PartnerOrganisation.objects.filter(name__iexact=bare)
                matches = [
                    p
                    for p in candidates.select_related("country")[:20]
                    if p.country_id and _is_country(p, country)
                ][:2]
            if len(matches) == 1:
                found.append(matches[0])
            elif not matches:
                problems.append(
                    _("No partner organisation is named “%(name)s”; add it as a new one below.")
                    % {"name": name}
                )
            else:
                problems.append(
                    _(
                        "Several partner organisations are named “%(name)s”; "
                        "pick one from the suggestions."
                    )
                    % {"name": name}
                )
        if problems:
            raise ValidationError(problems)
        return found

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            check_attachment(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        name = (cleaned.get("new_partner_name") or "").strip()
        if name and not cleaned.get("new_partner_kind"):
            self.add_error("new_partner_kind", _("Choose the type of the new partner."))
        if not name and (cleaned.get("new_partner_kind") or cleaned.get("new_partner_country")):
            self.add_error("new_partner_name", _("Give the name of the new partner."))
        return cleaned

    def links(self) -> dict:
        """The many-to-many values to save, with the cities and partners added by name."""
        cleaned = self.cleaned_data
        links = {
            name: list(cleaned.get(name) or [])
            for name in (
                "units",
                "external_actors",
                "countries",
                "cities",
                "partners",
                "objectives",
                "measures",
                "themes",
                "shared_with",
            )
        }
        links["cities"] = list(dict.fromkeys(links["cities"] + list(cleaned.get("add_cities", []))))
        links["partners"] = list(
            dict.fromkeys(links["partners"] + list(cleaned.get("add_partners", [])))
        )
        # A city implies its country, so the country filters and the map find the activity.
        countries = {c.pk: c for c in links["countries"]}
        for city in links["cities"]:
            countries.setdefault(city.country_id, city.country)
        links["countries"] = list(countries.values())
        return links

    def field_values(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields
            if not isinstance(self.fields[name], forms.ModelMultipleChoiceField)
        }

    def new_partner(self):
        """(name, type, country) of a partner to create inline, or None."""
        name = (self.cleaned_data.get("new_partner_name") or "").strip()
        if not name:
            return None
        return (
            name,
            self.cleaned_data["new_partner_kind"],
            self.cleaned_data.get("new_partner_country"),
        )

    def attachments(self):
        upload = self.cleaned_data.get("attachment")
        return [(self.cleaned_data.get("attachment_name", ""), upload)] if upload else []


class PartnerOrganisationForm(VersionedModelForm):
    """A partner organisation; its city is typed by name and resolved in its country."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    city_name = forms.CharField(
        label=_("City"),
        required=False,
        max_length=120,
        help_text=_("The most populous city of that name in the chosen country is taken."),
    )

    class Meta:
        model = PartnerOrganisation
        fields = ["name", "kind", "country", "city_name", "website", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.city_id:
            self.fields["city_name"].initial = self.instance.city.name
        self.fields["city_name"].widget.attrs.update(
            {"data-autocomplete": "city-name", "autocomplete": "off"}
        )

    def clean(self):
        cleaned = super().clean()
        country = cleaned.get("country")
        city_name = (cleaned.get("city_name") or "").strip()
        self.instance.city = None
        if city_name:
            candidates = places.search_cities(city_name, limit=20)
            if country is not None:
                candidates = [c for c in candidates if c.country_id == country.pk]
            city = next(iter(candidates), None)
            if city is None:
                self.add_error(
                    "city_name",
                    _("No city of that name was found in the chosen country.")
                    if country
                    else _("No city of that name was found."),
                )
            else:
                self.instance.city = city
                if country is None:
                    cleaned["country"] = self.instance.country = city.country
        name, country = (cleaned.get("name") or "").strip(), cleaned.get("country")
        if name:
            clash = PartnerOrganisation.objects.filter(name__iexact=name, country=country)
            if clash.exclude(pk=self.instance.pk).exists():
                message = (
                    _("A partner organisation with this name already exists in this country.")
                    if country
                    else _("A partner organisation with this name and no country already exists.")
                )
                self.add_error("name", message)
        return cleaned


class PartnerSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All")), *PartnerKind.choices], required=False
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All"),
    )
