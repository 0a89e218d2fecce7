"""A trip of department A (under division A) and people around it: the requester (editor of
division A), an approver of division A, and the fixture users with e-mail addresses."""

import datetime

import pytest

from citydiplomacy.register.models.trips import TripApprover
from tests.factories import ActivityFactory, UserFactory

TODAY = datetime.date.today()


@pytest.fixture
def people(users, units):
    for name, user in users.items():
        user.email = f"{name}@example.test"
        user.language = "en"
        user.save()
    approver = UserFactory(
        username="approver_a",
        first_name="Aino",
        last_name="Approver",
        role="viewer",
        unit=units["a"],
        email="approver_a@example.test",
        language="en",
    )
    TripApprover.objects.create(unit=units["a"], user=approver)
    return {**users, "approver_a": approver}


@pytest.fixture
def trip(units):
    """A future trip of department A (its approver is division A's)."""
    return ActivityFactory(
        unit=units["a_dept"],
        kind="trip",
        title="Climate summit in Tallinn",
        start_date=TODAY + datetime.timedelta(days=30),
        end_date=TODAY + datetime.timedelta(days=32),
        delegation_level="director",
        participant_count=2,
        senior_participant_count=1,
        participants="Director Daniel Example",
    )


REQUEST = {
    "aims": "Meet the climate unit of Tallinn",
    "expected_benefit": "Objective 2: climate cooperation with Baltic Sea cities",
    "estimated_cost": "1800.00",
    "why_not_virtual": "The site visit to the district heating plant",
}
