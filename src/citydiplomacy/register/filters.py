"""The register's filters, shared by the list, calendar, map, timeline, exports, feeds and API.

Each filter on a many-to-many field is an ``EXISTS`` subquery rather than a join, so a filtered
list never repeats an activity and its cost does not grow with the number of links.
"""

import django_filters
from django import forms
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Exists, Lookup, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core import places
from citydiplomacy.core.models import Country, OrganisationUnit, Theme
from citydiplomacy.plan.models import Objective, PlanStatus

from .models import Activity, ActivityKind, ActivityStatus, DelegationLevel, PartnerOrganisation

ALL = _("All")
#: The filters' query parameters, in the order a person reads them; exports and feeds keep these.
FILTER_PARAMS = (
    "q",
    "kind",
    "status",
    "unit",
    "country",
    "city",
    "partner",
    "theme",
    "objective",
    "level",
    "start",
    "end",
)


def _linked(field: str, value_field: str, values) -> Exists:
    """``EXISTS`` on the activity's through table of ``field``."""
    through = Activity._meta.get_field(field).remote_field.through
    return Exists(
        through.objects.filter(activity_id=OuterRef("pk"), **{f"{value_field}__in": values})
    )


class _InArray(Lookup):
    """``column = ANY(array)``: with an ``ARRAY(SELECT …)`` on the right, PostgreSQL computes the
    array once and can use an index for the column, even under an OR."""

    lookup_name = "in_array"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


Activity._meta.pk.register_lookup(_InArray)


def _taking_part(unit_ids: list[int]) -> Q:
    """Activities in which one of ``unit_ids`` takes part (besides owning ones).

    On PostgreSQL the activity ids are gathered once into an array, so both sides of "owns or
    takes part" are index conditions the planner can OR together as bitmaps; ``IN (subquery)``
    under an OR would make it test every row of the register instead.
    """
    through = Activity.units.through
    taking_part = through.objects.filter(organisationunit_id__in=unit_ids).values("activity_id")
    if connection.vendor != "postgresql":
        return Q(pk__in=taking_part)
    return Q(pk__in_array=ArraySubquery(taking_part))


class ActivityFilter(django_filters.FilterSet):
    """Filters a queryset that is already limited to what the user may see."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kind = django_filters.MultipleChoiceFilter(
        label=_("Type"),
        choices=ActivityKind.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,  # it joins nothing; DISTINCT over every column would only cost time
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActivityStatus.choices, empty_label=ALL
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"),
        queryset=OrganisationUnit.objects.none(),
        method="filter_unit",
        empty_label=ALL,
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.all(),
        to_field_name="code",
        method="filter_country",
        empty_label=ALL,
    )
    city = django_filters.CharFilter(label=_("City"), method="filter_city")
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner organisation"),
        queryset=PartnerOrganisation.objects.all(),
        method="filter_partner",
        widget=forms.NumberInput,
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.all(), method="filter_theme", empty_label=ALL
    )
    objective = django_filters.ModelChoiceFilter(
        label=_("Plan objective"),
        queryset=Objective.objects.none(),
        method="filter_objective",
        empty_label=ALL,
    )
    level = django_filters.ChoiceFilter(
        label=_("Delegation level"),
        field_name="delegation_level",
        choices=DelegationLevel.choices,
        empty_label=ALL,
    )
    start = django_filters.DateFilter(
        label=_("From"),
        field_name="end_date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = django_filters.DateFilter(
        label=_("To"),
        field_name="start_date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Activity
        fields = list(FILTER_PARAMS)

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["unit"].queryset = OrganisationUnit.objects.internal().filter(is_active=True)
        self.filters["objective"].queryset = Objective.objects.filter(
            plan__status__in=PlanStatus.monitored()
        ).select_related("plan")

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def filter_unit(self, queryset, name, unit):
        """The unit and its sub-units, as owner or as a unit taking part."""
        below = list(
            OrganisationUnit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True)
        )
        return queryset.filter(Q(unit__in=below) | _taking_part(below))

    def filter_country(self, queryset, name, country):
        return queryset.filter(_linked("countries", "country_id", [country.pk]))

    def filter_city(self, queryset, name, value):
        """A city id, or a name in any language and inflection ("Pekingin")."""
        value = value.strip()
        if not value:
            return queryset
        if value.isdigit():
            ids = [int(value)]
        else:
            ids = [city.pk for city in places.search_cities(value, limit=5)]
        return queryset.filter(_linked("cities", "city_id", ids))

    def filter_partner(self, queryset, name, partner):
        return queryset.filter(_linked("partners", "partnerorganisation_id", [partner.pk]))

    def filter_theme(self, queryset, name, theme):
        return queryset.filter(_linked("themes", "theme_id", [theme.pk]))

    def filter_objective(self, queryset, name, objective):
        return queryset.filter(_linked("objectives", "objective_id", [objective.pk]))


def filtered_activities(user, params):
    """The activities ``user`` may see, narrowed by the query ``params``; and the filter (for its
    form and errors)."""
    activity_filter = ActivityFilter(params, queryset=Activity.objects.visible_to(user))
    return activity_filter.qs, activity_filter


def filter_query(params) -> str:
    """The filter part of a query string, to carry from the list to exports, feeds and views."""
    from django.http import QueryDict

    kept = QueryDict(mutable=True)
    for key in FILTER_PARAMS:
        values = [value for value in params.getlist(key) if value != ""]
        if values:
            kept.setlist(key, values)
    return kept.urlencode()
