"""The inbox's filters: status, suggestion, country, score, received dates and a search."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core.models import Country

from .models import Suggestion, VisitRequest, VisitStatus

ALL = _("All")
OPEN = "open"
ORDERINGS = [
    ("-received_at", _("Newest first")),
    ("-score", _("Highest score first")),
    ("desired_start", _("Earliest visit first")),
]


class InboxFilter(django_filters.FilterSet):
    """Filters a queryset already limited to what the user may see."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(OPEN, _("Open (not finished)")), *VisitStatus.choices],
        method="filter_status",
        empty_label=ALL,
    )
    suggestion = django_filters.ChoiceFilter(
        label=_("Suggestion"), choices=Suggestion.choices, empty_label=ALL
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"), queryset=Country.objects.none(), empty_label=ALL
    )
    min_score = django_filters.NumberFilter(
        label=_("Score at least"), field_name="score", lookup_expr="gte"
    )
    received_from = django_filters.DateFilter(
        label=_("Received from"), field_name="received_at", lookup_expr="date__gte"
    )
    received_to = django_filters.DateFilter(
        label=_("Received until"), field_name="received_at", lookup_expr="date__lte"
    )
    order = django_filters.ChoiceFilter(
        label=_("Order"), choices=ORDERINGS, method="filter_order", empty_label=None
    )

    class Meta:
        model = VisitRequest
        fields = ["q", "status", "suggestion", "country", "min_score"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["country"].queryset = Country.objects.filter(
            pk__in=queryset.values("country_id")
        ).order_by("name")
        for name in ("received_from", "received_to"):
            self.form.fields[name].widget.input_type = "date"

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(organisation_name__icontains=value) | Q(reference__icontains=value)
        )

    def filter_status(self, queryset, name, value):
        if value == OPEN:
            return queryset.exclude(
                status__in=[VisitStatus.CLOSED, VisitStatus.DECLINED, VisitStatus.REDIRECTED]
            )
        return queryset.filter(status=value)

    def filter_order(self, queryset, name, value):
        if value == "-score":
            return queryset.order_by("-score", "-received_at")
        return queryset.order_by(value, "-pk")
