"""Factories for test records (factory-boy), one per model, building real database rows."""

import datetime

import factory
from factory.django import DjangoModelFactory

from citydiplomacy.core.models import OrganisationUnit, Role, Theme, ThemeScheme, User, Visibility
from citydiplomacy.plan.models import Indicator, Measure, Objective, Plan, Tool


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = OrganisationUnit

    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Sequence(lambda n: f"Yksikkö {n}")
    name_fi = factory.SelfAttribute("name")
    name_sv = factory.Sequence(lambda n: f"Enhet {n}")
    name_en = factory.Sequence(lambda n: f"Unit {n}")
    kind = "division"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.VIEWER
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    scheme = ThemeScheme.TOPIC
    code = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.Sequence(lambda n: f"Teema {n}")


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Suunnitelma {n}")
    title_fi = factory.SelfAttribute("title")
    title_en = factory.Sequence(lambda n: f"Plan {n}")
    start_year = 2018
    end_year = 2021
    unit = factory.SubFactory(UnitFactory)
    visibility = Visibility.INTERNAL


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Tavoite {n}")


class ToolFactory(DjangoModelFactory):
    class Meta:
        model = Tool

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Työkalu {n}")


class MeasureFactory(DjangoModelFactory):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"M{n}")
    title = factory.Sequence(lambda n: f"Toimenpide {n}")
    title_fi = factory.SelfAttribute("title")
    unit = factory.SelfAttribute("plan.unit")
    visibility = Visibility.INTERNAL

    @factory.post_generation
    def objectives(self, create, extracted, **kwargs):
        if create and extracted:
            self.objectives.set(extracted)


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    plan = factory.SubFactory(PlanFactory)
    objective = factory.SubFactory(ObjectiveFactory, plan=factory.SelfAttribute("..plan"))
    code = factory.Sequence(lambda n: f"indicator-{n}")
    name = factory.Sequence(lambda n: f"Indikaattori {n}")
    name_fi = factory.SelfAttribute("name")


class PartnerOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = "register.PartnerOrganisation"

    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    kind = "city"


class ActivityFactory(DjangoModelFactory):
    """An activity of ``unit`` (required); dates default to a week in 2026."""

    class Meta:
        model = "register.Activity"

    kind = "trip"
    title = factory.Sequence(lambda n: f"Activity {n}")
    start_date = datetime.date(2026, 3, 2)
    end_date = factory.LazyAttribute(lambda o: o.start_date)
    visibility = Visibility.INTERNAL
