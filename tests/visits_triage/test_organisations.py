"""Organisation keys for finding repeat visits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citydiplomacy.visits.triage import organisation_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        (
            "The Beijing Municipal Commission of Commerce",
            "beijing municipal commission of commerce",
        ),
        ("Fazer Oy", "fazer"),
        ("Oy Karl Fazer Ab", "karl fazer"),
        ("Siemens AG", "siemens"),
        ("Robert Bosch GmbH & Co. KG", "robert bosch"),
        ("Acme, Inc.", "acme"),
        ("Nokia Oyj", "nokia"),
        ("Compañía Española S.A.", "compania espanola"),
        ("Ålands Landskapsregering", "alands landskapsregering"),
        ("St. John's College Ltd", "st johns college"),
        ("Tekniikan edistämissäätiö sr", "tekniikan edistamissaatio sr"),
        ("Oy Ab", "oy ab"),  # nothing but legal forms: keep them
        ("  ", ""),
    ],
)
def test_names_reduce_to_their_key(name, key):
    assert organisation_key(name) == key


def test_spellings_of_one_organisation_match_and_different_ones_do_not():
    assert organisation_key("The Example Agency Ltd.") == organisation_key("EXAMPLE AGENCY")
    assert organisation_key("Example Agency") != organisation_key("Example Agency Two")
    assert organisation_key("Fazer Oy") != organisation_key("Karl Fazer Oy")


@given(st.text(max_size=40))
def test_keys_of_keys_are_the_same_keys(name):
    key = organisation_key(name)
    assert organisation_key(key) == key
