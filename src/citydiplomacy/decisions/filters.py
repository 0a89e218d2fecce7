"""The decisions list's filters: policymaker, year, classification, type, linked or not."""

import django_filters
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from .classification import MAIN_CLASSES
from .models import Decision, DecisionType, Policymaker

ALL = _("All")
LINKED_CHOICES = [("yes", _("Linked to the plan")), ("no", _("Not linked"))]


class DecisionFilter(django_filters.FilterSet):
    """Filters a queryset that is already limited to what the user may see."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    policymaker = django_filters.ModelChoiceFilter(
        label=_("Policymaker"), queryset=Policymaker.objects.none(), empty_label=ALL
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="meeting_date__year", empty_label=ALL
    )
    classification = django_filters.ChoiceFilter(
        label=_("Classification"),
        choices=MAIN_CLASSES,
        method="filter_classification",
        empty_label=ALL,
    )
    decision_type = django_filters.ChoiceFilter(
        label=_("Type of decision"), choices=DecisionType.choices, empty_label=ALL
    )
    linked = django_filters.ChoiceFilter(
        label=_("Plan"), choices=LINKED_CHOICES, method="filter_linked", empty_label=ALL
    )

    class Meta:
        model = Decision
        fields = ["q", "policymaker", "year", "classification", "decision_type", "linked"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        # Choices from what the user may see: one query each, whatever the list's length.
        self.filters["policymaker"].queryset = Policymaker.objects.filter(
            decisions__in=queryset
        ).distinct()
        years = (
            queryset.exclude(meeting_date=None)
            .annotate(year=ExtractYear("meeting_date"))
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )
        self.filters["year"].extra["choices"] = [(year, str(year)) for year in years]

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(diary_number__icontains=value))

    def filter_classification(self, queryset, name, value):
        return queryset.filter(classification_code__startswith=value)

    def filter_linked(self, queryset, name, value):
        return queryset.filter(is_linked=(value == "yes"))
