"""Forms of visits. The public request form checks everything a stranger can send: lengths,
dates, sizes, markup in any text, the attachment's real type, and a honeypot field."""

import re
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core.models import City, Country, OrganisationUnit, Theme, ThemeScheme

from . import emails, uploads
from .models import (
    BusinessPotential,
    EmailTemplate,
    LeaderLevel,
    OrganisationType,
    Outcome,
    ProgrammeItem,
    VisitSettings,
)
from .triage import RulesError, TriageRules

MAX_DELEGATION = 200
MAX_VISIT_DAYS = 14
MAX_YEARS_AHEAD = 2
MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript:", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PHONE = re.compile(r"^\+?[0-9 ()\-]{5,40}$")


def plain_text(value: str) -> None:
    """Text fields take plain text only: markup is refused, not stored."""
    if value and MARKUP.search(value):
        raise ValidationError(
            _("Write plain text without HTML or script (no “<” followed by a letter)."),
            code="markup",
        )
    if value and CONTROL.search(value):
        raise ValidationError(_("The text contains control characters."), code="control")


def _text(label, max_length, required=True, textarea=False, help_text=""):
    widget = forms.Textarea(attrs={"rows": 4}) if textarea else forms.TextInput
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        validators=[plain_text],
        help_text=help_text,
    )


def _date(label, required=True):
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class CountryField(forms.ModelChoiceField):
    def label_from_instance(self, country):
        return country.name


class VisitRequestForm(forms.Form):
    """The public request form (no login)."""

    organisation_name = _text(_("Organisation"), 200)
    organisation_type = forms.ChoiceField(
        label=_("Type of organisation"), choices=[("", "—"), *OrganisationType.choices]
    )
    country = CountryField(label=_("Country"), queryset=Country.objects.none(), empty_label="—")
    city_name = _text(_("City"), 120)
    delegation_size = forms.IntegerField(
        label=_("Size of the delegation"),
        min_value=1,
        max_value=MAX_DELEGATION,
    )
    leader_level = forms.ChoiceField(
        label=_("Level of the delegation's leader"), choices=[("", "—"), *LeaderLevel.choices]
    )
    leader_title = _text(
        _("Leader's name and title"),
        200,
        required=False,
        help_text=_("For example: Mayor Anna Berg"),
    )
    desired_start = _date(_("Desired first day"))
    desired_end = _date(_("Desired last day"))
    alternative_1_start = _date(_("Alternative 1: first day"), required=False)
    alternative_1_end = _date(_("Alternative 1: last day"), required=False)
    alternative_2_start = _date(_("Alternative 2: first day"), required=False)
    alternative_2_end = _date(_("Alternative 2: last day"), required=False)
    themes = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = _text(_("Purpose of the visit"), 2000, textarea=True)
    wished_meetings = _text(
        _("Wished meetings"),
        2000,
        required=False,
        textarea=True,
        help_text=_("Whom you would like to meet: offices, companies, sites."),
    )
    contact_name = _text(_("Contact person"), 200)
    contact_title = _text(_("Contact person's title"), 200, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), max_length=254)
    contact_phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
    )
    privacy_accepted = forms.BooleanField(
        label=_("I have read the privacy notice above."),
        error_messages={"required": _("Please confirm that you have read the privacy notice.")},
    )
    # Honeypot: hidden from people by CSS and from assistive technology; bots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.order_by("name")
        self.fields["themes"].queryset = Theme.objects.filter(
            scheme__in=[ThemeScheme.SPEARHEAD, ThemeScheme.TOPIC]
        ).order_by("scheme", "order", "name")
        self.fields["delegation_size"].help_text = _("Number of people, 1–%(max)s.") % {
            "max": MAX_DELEGATION
        }
        self.fields["attachment"].help_text = _("One file, at most 5 MB: %(types)s.") % {
            "types": uploads.allowed_labels()
        }
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["attachment"].widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg,.docx,.txt"

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        if phone and not PHONE.match(phone):
            raise ValidationError(_("Give the number with digits, spaces and an optional +."))
        return phone

    def clean_contact_email(self):
        email = self.cleaned_data["contact_email"]
        plain_text(email)
        return email

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        if upload.size > uploads.MAX_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        content = upload.read()
        content_type = uploads.sniff(content)
        if content_type is None:
            raise ValidationError(
                _("This type of file is not accepted. Accepted: %(types)s.")
                % {"types": uploads.allowed_labels()}
            )
        name = re.sub(r"[^\w.\- ]", "_", upload.name or "attachment")[:200]
        return content, content_type, name

    def _check_dates(self, start_name, end_name, today):
        start, end = self.cleaned_data.get(start_name), self.cleaned_data.get(end_name)
        if start is None or end is None:
            return None
        if start <= today:
            self.add_error(start_name, _("The date must be in the future."))
            return None
        if start > today + timedelta(days=365 * MAX_YEARS_AHEAD):
            self.add_error(
                start_name,
                _("The date must be within %(years)s years.") % {"years": MAX_YEARS_AHEAD},
            )
            return None
        if end < start:
            self.add_error(end_name, _("The last day cannot be before the first day."))
            return None
        if (end - start).days + 1 > MAX_VISIT_DAYS:
            self.add_error(
                end_name,
                _("A visit can last at most %(days)s days.") % {"days": MAX_VISIT_DAYS},
            )
            return None
        return start, end

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise ValidationError(_("The form could not be sent."), code="honeypot")
        today = timezone.localdate()
        self._check_dates("desired_start", "desired_end", today)
        alternatives = []
        for n in (1, 2):
            start_name, end_name = f"alternative_{n}_start", f"alternative_{n}_end"
            start, end = data.get(start_name), data.get(end_name)
            if (
                (start is None) != (end is None)
                and not self.has_error(start_name)
                and not (self.has_error(end_name))
            ):
                missing = end_name if end is None else start_name
                self.add_error(missing, _("Give both the first and the last day."))
                continue
            dates = self._check_dates(start_name, end_name, today)
            if dates:
                alternatives.append(dates)
        data["alternatives"] = alternatives
        country, city_name = data.get("country"), data.get("city_name")
        data["city"] = None
        if country and city_name:
            data["city"] = (
                City.objects.filter(country=country, name__iexact=city_name.strip())
                .order_by("-population")
                .first()
            )
        return data


class TriageForm(forms.Form):
    business_potential = forms.ChoiceField(
        label=_("Business potential"), choices=BusinessPotential.choices
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DecisionForm(forms.Form):
    """A step of the workflow, with what the step needs."""

    target = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    note = _text(
        _("Note to the requester"),
        2000,
        required=False,
        textarea=True,
        help_text=_("Included in the e-mail to the requester."),
    )
    redirected_to = forms.ModelChoiceField(
        label=_("Redirect to unit"), queryset=OrganisationUnit.objects.none(), required=False
    )
    redirected_partner = _text(_("or to a partner organisation"), 200, required=False)
    dates = forms.ChoiceField(label=_("Dates of the visit"), required=False)

    def __init__(self, *args, visit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["redirected_to"].queryset = OrganisationUnit.objects.filter(is_active=True)
        if visit is not None:
            self.fields["dates"].choices = [
                (f"{s.isoformat()}/{e.isoformat()}", f"{s:%d.%m.%Y} – {e:%d.%m.%Y}")
                for s, e in visit.date_options
            ]

    def chosen_dates(self):
        value = self.cleaned_data.get("dates")
        if not value:
            return None
        from datetime import date

        start, end = value.split("/")
        return date.fromisoformat(start), date.fromisoformat(end)


class ProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["starts_at", "ends_at", "title", "venue", "host_name", "host_unit", "notes"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_unit"].queryset = OrganisationUnit.objects.filter(is_active=True)
        for name in ("title", "venue", "host_name", "notes"):
            self.fields[name].validators.append(plain_text)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The item must end after it starts."))
        return data


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["kind", "description", "responsible_unit", "due_date"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = OrganisationUnit.objects.filter(is_active=True)
        self.fields["description"].validators.append(plain_text)
        self.fields["description"].max_length = 2000


# --- the coordinator's settings --------------------------------------------------------------

#: The triage settings shown as fields: dotted key → label. The rest of the configuration
#: (the tables) keeps its stored or default values.
RULE_FIELDS = {
    "minimum_notice_days": _("Minimum notice (days)"),
    "repeat_window_days": _("No repeat visit from the same organisation within (days)"),
    "maximum_length_days": _("Maximum length of a visit (days)"),
    "large_delegation_size": _("Largest delegation hosted without a penalty"),
    "max_spearhead_themes": _("Spearhead themes counted at most"),
    "weights.spearhead": _("Points per spearhead theme"),
    "weights.no_spearhead": _("Points when no spearhead theme"),
    "weights.geography.1": _("Points for a high-priority place"),
    "weights.geography.2": _("Points for a medium-priority place"),
    "weights.geography.3": _("Points for a watch-list place"),
    "weights.no_geographic_priority": _("Points for a place with no priority"),
    **{f"weights.leader_level.{level}": None for level in LeaderLevel.values},
    **{f"weights.business_potential.{potential}": None for potential in BusinessPotential.values},
    "penalties.short_notice.points": _("Short notice: points"),
    "penalties.short_notice.hard": _("Short notice always means decline"),
    "penalties.no_capacity.points": _("No capacity on the dates: points"),
    "penalties.no_capacity.hard": _("No capacity always means decline"),
    "penalties.too_long.points": _("Too long a visit: points"),
    "penalties.too_long.hard": _("Too long a visit always means decline"),
    "penalties.large_delegation.points": _("Large delegation: points"),
    "penalties.large_delegation.hard": _("A large delegation always means decline"),
    "penalties.repeat_visit.points": _("Repeat visit: points"),
    "penalties.repeat_visit.hard": _("A repeat visit always means decline"),
    "thresholds.host_centrally": _("Lowest score to host centrally"),
    "thresholds.redirect": _("Lowest score to redirect (below: decline)"),
}


def _rule_label(key: str) -> str:
    """Labels of the table entries (one per leader level or business potential)."""
    table, choice = key.split(".")[1:]
    if table == "leader_level":
        return _("Points for leader level: %(level)s") % {"level": LeaderLevel(choice).label}
    return _("Points for business potential: %(level)s") % {
        "level": BusinessPotential(choice).label
    }


def _field_name(key: str) -> str:
    return "rule__" + key.replace(".", "__")


def _get(data: dict, key: str):
    for part in key.split("."):
        data = data[part]
    return data


def _set(data: dict, key: str, value) -> None:
    *parents, last = key.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


class RulesForm(forms.ModelForm):
    """Triage rules and the other visit settings, one field per setting; the rules are
    checked by the triage module and an error is shown at the setting it names."""

    class Meta:
        model = VisitSettings
        fields = ["max_visits_per_day", "retention_days", "requests_per_hour", "intake_unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intake_unit"].queryset = OrganisationUnit.objects.internal()
        self.fields["max_visits_per_day"].min_value = 1
        self.fields["requests_per_hour"].min_value = 1
        current = TriageRules.from_dict(self.instance.rules or {}).to_dict()
        for key, label in RULE_FIELDS.items():
            value = _get(current, key)
            label = label or _rule_label(key)
            if isinstance(value, bool):
                field = forms.BooleanField(label=label, required=False, initial=value)
            else:
                field = forms.IntegerField(label=label, initial=value)
            self.fields[_field_name(key)] = field

    def rule_fields(self):
        return [self[_field_name(key)] for key in RULE_FIELDS]

    def setting_fields(self):
        return [self[name] for name in self.Meta.fields]

    def clean(self):
        data = super().clean()
        rules = TriageRules.from_dict(self.instance.rules or {}).to_dict()
        for key in RULE_FIELDS:
            value = data.get(_field_name(key))
            if value is None and not isinstance(_get(rules, key), bool):
                return data  # the field already has its error
            _set(rules, key, bool(value) if isinstance(_get(rules, key), bool) else value)
        try:
            TriageRules.from_dict(rules)
        except RulesError as error:
            name = _field_name(error.key)
            problem = str(error).split(": ", 1)[-1]
            if name in self.fields:
                self.add_error(name, problem)
            else:
                self.add_error(None, str(error))
            return data
        self.instance.rules = rules
        return data


class EmailTemplateForm(forms.ModelForm):
    class Meta:
        model = EmailTemplate
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    def _placeholders(self, name):
        text = self.cleaned_data[name]
        unknown = emails.unknown_placeholders(text)
        if unknown:
            raise ValidationError(
                _("Unknown placeholder(s): %(names)s.")
                % {"names": ", ".join("{" + n + "}" for n in unknown)}
            )
        return text

    def clean_subject(self):
        return self._placeholders("subject")

    def clean_body(self):
        return self._placeholders("body")
