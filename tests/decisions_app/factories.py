"""Decision records built directly (without a file), for list and access tests."""

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

from citydiplomacy.core.models import Visibility
from citydiplomacy.decisions.models import Decision, DecisionKind, DecisionType, Policymaker
from tests.factories import UnitFactory


class PolicymakerFactory(DjangoModelFactory):
    class Meta:
        model = Policymaker

    name_fi = factory.Sequence(lambda n: f"Lautakunta {n}")
    name_sv = factory.Sequence(lambda n: f"Nämnden {n}")
    kind = "committee"


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision
        skip_postgeneration_save = True

    identity_key = factory.Sequence(lambda n: f"HEL 2020-{n:06d}|{n}|test|-|fi")
    section = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Päätös {n}")
    diary_number = factory.Sequence(lambda n: f"HEL 2020-{n:06d}")
    classification_code = "00 01 00"
    language = "fi"
    kind = DecisionKind.MINUTES_SECTION
    policymaker = factory.SubFactory(PolicymakerFactory)
    decision = "Lautakunta päätti hyväksyä esityksen."
    decision_type = DecisionType.APPROVED
    unit = factory.SubFactory(UnitFactory)
    visibility = Visibility.PUBLIC
    source_name = "paatos.txt"
    source_format = "text"
    source_file = factory.LazyAttribute(
        lambda o: ContentFile(o.decision.encode("utf-8"), name=o.source_name)
    )
