"""Triage on the database: the plan's priorities, capacity from other visits, earlier visits of
the same organisation; the rules a coordinator edits."""

import pytest
from django.urls import reverse

from citydiplomacy.core.models import Country
from citydiplomacy.visits import scoring, services
from citydiplomacy.visits.models import EmailTemplate
from citydiplomacy.visits.scoring import current_settings

from .conftest import in_days

pytestmark = pytest.mark.django_db


def _codes(visit):
    return {reason["code"]: reason["points"] for reason in visit.triage["reasons"]}


def test_region_priority_and_spearhead(submit):
    visit = submit()  # Stockholm, in the Nordics (level 1); climate
    codes = _codes(visit)
    assert codes["geo_region"] == 20
    assert codes["spearhead"] == 20
    assert codes["leader_level"] == 15
    assert visit.score == sum(codes.values())


def test_repeat_visit_within_two_years__penalised(submit, users):
    first = submit(organisation_name="The Stockholm City Ltd")
    services.transition(first, "accepted", users["coordinator"])
    again = submit(organisation_name="STOCKHOLM CITY")
    assert _codes(again)["repeat_visit"] == -30
    other = submit(organisation_name="Uppsala kommun")
    assert "first_visit" in _codes(other)


def test_declined_request_is_no_earlier_visit(submit, users):
    first = submit(organisation_name="Malmö stad")
    services.transition(first, "declined", users["coordinator"])
    assert "first_visit" in _codes(submit(organisation_name="Malmö stad"))


def test_capacity__full_days_penalised(submit, users):
    settings_row = current_settings()
    settings_row.max_visits_per_day = 1
    settings_row.save()
    taken = submit(organisation_name="First", alternative_1_start=None, alternative_1_end=None)
    services.transition(taken, "accepted", users["coordinator"])
    clash = submit(organisation_name="Second", alternative_1_start=None, alternative_1_end=None)
    assert _codes(clash)["no_capacity"] == -25
    with_alternative = submit(organisation_name="Third")
    assert "capacity_ok" in _codes(with_alternative)
    assert with_alternative.triage["chosen_dates"][0] == in_days(90).isoformat()


def test_short_notice__hard_rule__decline(submit):
    visit = submit(
        desired_start=in_days(5).isoformat(),
        desired_end=in_days(6).isoformat(),
        alternative_1_start=None,
        alternative_1_end=None,
        country=Country.objects.get(code="CN").pk,
        leader_level="head_of_state",
    )
    assert visit.suggestion == "decline"
    assert any(reason["hard"] for reason in visit.triage["reasons"])


def test_triage_of_one_request_reads_only_its_organisation(submit, django_assert_max_num_queries):
    visit = submit()
    with django_assert_max_num_queries(9):
        scoring.score(visit)


def test_rules_form__edits_rules__error_at_the_setting(client, users, submit):
    client.force_login(users["coordinator"])
    url = reverse("visits:rules")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    data = {
        name: field.initial
        for name, field in page.context["form"].fields.items()
        if field.initial is not None
    }
    data["max_visits_per_day"] = 2
    data["retention_days"] = 365
    data["requests_per_hour"] = 5
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    bad = dict(data, **{"rule__penalties__short_notice__points": 5})
    response = client.post(url, bad, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "must be 0 or less, got 5" in errors["rule__penalties__short_notice__points"][0]
    bad = dict(data, **{"rule__thresholds__host_centrally": 10})
    response = client.post(url, bad, HTTP_ACCEPT_LANGUAGE="en")
    assert "rule__thresholds__host_centrally" in response.context["form"].errors
    good = dict(data, **{"rule__minimum_notice_days": 100, "rule__weights__spearhead": 30})
    assert client.post(url, good).status_code == 302
    rules = scoring.rules()
    assert rules.minimum_notice_days == 100
    assert rules.weights.spearhead == 30
    visit = submit()
    assert _codes(visit)["short_notice"] == -40 and _codes(visit)["spearhead"] == 30


@pytest.mark.parametrize("role", ["editor_a", "viewer", "partner"])
def test_rules_and_templates__coordinators_only(client, users, role):
    client.force_login(users[role])
    assert client.get(reverse("visits:rules")).status_code == 403
    assert client.get(reverse("visits:email_templates")).status_code == 403


def test_email_templates__defaults_in_three_languages__edited(client, users):
    client.force_login(users["coordinator"])
    page = client.get(reverse("visits:email_templates"), HTTP_ACCEPT_LANGUAGE="en")
    assert EmailTemplate.objects.count() == 18
    assert "Er besöksbegäran {reference} har tagits emot" in page.content.decode()
    template = EmailTemplate.objects.get(kind="accepted", language="sv")
    url = reverse("visits:email_template", args=[template.pk])
    bad = client.post(url, {"subject": "Hej {name}", "body": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400
    assert "Unknown placeholder(s): {name}" in bad.content.decode()
    assert client.post(url, {"subject": "Välkommen {reference}", "body": "Hej"}).status_code == 302
    template.refresh_from_db()
    assert template.subject == "Välkommen {reference}"
