"""Factories for the plan's monitoring records (measures, status updates, indicators)."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from citydiplomacy.core.models import Visibility
from citydiplomacy.plan.models import (
    Indicator,
    IndicatorValue,
    Measure,
    MeasureStatus,
    StatusUpdate,
    ValueKind,
)
from tests.factories import PlanFactory, UnitFactory


class MeasureFactory(DjangoModelFactory):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    unit = factory.SubFactory(UnitFactory)
    code = factory.Sequence(lambda n: f"{n // 10 + 1}.{n % 10 + 1}")
    title = factory.Sequence(lambda n: f"Toimenpide {n}")
    title_fi = factory.SelfAttribute("title")
    title_sv = factory.Sequence(lambda n: f"Åtgärd {n}")
    title_en = factory.Sequence(lambda n: f"Measure {n}")
    status = MeasureStatus.ON_TRACK
    progress = 40
    visibility = Visibility.PUBLIC

    @factory.post_generation
    def objectives(self, create, extracted, **kwargs):
        if create and extracted:
            self.objectives.set(extracted)


class StatusUpdateFactory(DjangoModelFactory):
    class Meta:
        model = StatusUpdate

    measure = factory.SubFactory(MeasureFactory)
    reported_on = date(2020, 3, 31)
    status = MeasureStatus.ON_TRACK
    progress = 40
    text = factory.Sequence(lambda n: f"Edistyi suunnitellusti, vaihe {n}.")


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"indicator-{n}")
    name = factory.Sequence(lambda n: f"Indikaattori {n}")
    name_fi = factory.SelfAttribute("name")
    name_sv = factory.Sequence(lambda n: f"Indikator {n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "kpl"
    baseline_year = 2017
    baseline_value = 10.0


class IndicatorValueFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2019
    kind = ValueKind.ACTUAL
    value = 12.0
