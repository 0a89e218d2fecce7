"""Two people editing one record: the second save is refused and told what changed."""

import pytest

from citydiplomacy.core.concurrency import EditConflict, save_versioned
from citydiplomacy.plan.models import Objective
from tests.factories import ObjectiveFactory


def test_second_save_of_a_stale_copy__refused_and_first_edit_kept(db):
    objective = ObjectiveFactory(title="Alku")
    first = Objective.objects.get(pk=objective.pk)
    second = Objective.objects.get(pk=objective.pk)
    first.title = "Ensimmäisen muutos"
    save_versioned(first, expected_version=1)
    second.title = "Toisen muutos"
    with pytest.raises(EditConflict) as conflict:
        save_versioned(second, expected_version=1, fields=["title"], original=objective)
    assert conflict.value.changed_fields == ["title"]
    assert Objective.objects.get(pk=objective.pk).title == "Ensimmäisen muutos"


def test_save_with_current_version__bumps_version(db):
    objective = ObjectiveFactory()
    objective.title = "Uusi"
    save_versioned(objective, expected_version=1)
    assert Objective.objects.get(pk=objective.pk).version == 2
