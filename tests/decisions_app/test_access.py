"""A confidential decision (sample 11, "salassa pidettävä") is seen only by its own unit and
coordinators: in the list, on its page, as a file, on the timeline and in the report."""

import pytest
from django.contrib.auth.models import AnonymousUser

from citydiplomacy.decisions import services
from citydiplomacy.plan import timeline
from citydiplomacy.reports import followup

from .conftest import CONFIDENTIAL_SAMPLE, SEED

pytestmark = pytest.mark.urls("tests.decisions_app.urls")

SEES_CONFIDENTIAL = {"coordinator": True, "admin": True, "editor_a": True}
ROLES = ["coordinator", "admin", "editor_a", "editor_b", "viewer", "partner", "anonymous"]


@pytest.fixture
def decisions(users, seed_plan):
    """The seed (public) and the confidential sample, both imported by unit A's editor, both
    confirmed for the seed's plan."""
    seed, secret = services.import_files([SEED, CONFIDENTIAL_SAMPLE], users["editor_a"]).decisions
    for decision in (seed, secret):
        services.link_to(decision, seed_plan, users["coordinator"])
    return seed, secret


def _login(client, users, role):
    if role == "anonymous":
        return AnonymousUser()
    client.force_login(users[role])
    return users[role]


@pytest.mark.parametrize("role", ROLES)
def test_confidential_decision_per_role(client, users, seed_plan, decisions, role):
    seed, secret = decisions
    user = _login(client, users, role)
    sees = SEES_CONFIDENTIAL.get(role, False)

    listing = client.get("/decisions/").content.decode()
    assert seed.title in listing
    assert (f"/decisions/{secret.pk}/" in listing) is sees
    assert client.get(f"/decisions/{secret.pk}/").status_code == (200 if sees else 404)
    assert client.get(f"/decisions/{seed.pk}/").status_code == 200
    assert client.get(f"/decisions/{secret.pk}/source/").status_code == (200 if sees else 404)

    on_timeline = {e.url for e in timeline.entries_for(seed_plan, user) if e.kind == "decision"}
    assert f"/decisions/{seed.pk}/" in on_timeline
    assert (f"/decisions/{secret.pk}/" in on_timeline) is sees

    report = followup.build_report(seed_plan, user, "fi")
    (data,) = [data for section, data in report.sections if section.key == "decisions"]
    titles = {line.title for group in data for line in group.lines}
    assert seed.title in titles
    assert (secret.title in titles) is sees


def test_source_download_is_the_original_file(client, users, decisions):
    seed, _secret = decisions
    response = client.get(f"/decisions/{seed.pk}/source/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{SEED.name}"'
    assert b"".join(response.streaming_content) == SEED.read_bytes()


def test_a_link_to_a_confidential_measure_does_not_reveal_it(client, users, seed_plan, decisions):
    from citydiplomacy.core.models import Visibility
    from tests.factories import MeasureFactory

    seed, _secret = decisions
    hidden = MeasureFactory(
        plan=seed_plan,
        unit=users["editor_a"].unit,
        visibility=Visibility.CONFIDENTIAL,
        title="Salainen neuvottelu",
        title_fi="Salainen neuvottelu",
    )
    services.link_to(seed, hidden, users["coordinator"])
    client.force_login(users["editor_b"])
    page = client.get(f"/decisions/{seed.pk}/").content.decode()
    plan_rows = services.decisions_for_plan(seed_plan, users["editor_b"])
    assert "Salainen neuvottelu" not in page
    assert all(link.measure_id is None for row in plan_rows for link in row.links)
    client.force_login(users["editor_a"])
    assert "Salainen neuvottelu" in client.get(f"/decisions/{seed.pk}/").content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("viewer", 403),
        ("partner", 403),
        ("editor_b", 403),
        ("coordinator", 302),
    ],
)
def test_only_coordinators_confirm_links(client, users, seed_plan, role, status, office):
    decision = services.import_files([SEED]).decisions[0]
    link = decision.links.get(objective__number=1)
    _login(client, users, role)
    response = client.post(f"/decisions/links/{link.pk}/confirm/")
    assert response.status_code == status
    link.refresh_from_db()
    assert (link.status == "confirmed") is (role == "coordinator")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("viewer", 403),
        ("partner", 403),
        ("editor_b", 200),
        ("coordinator", 200),
        ("anonymous", 302),
    ],
)
def test_unit_editors_and_coordinators_import(client, users, role, status):
    _login(client, users, role)
    assert client.get("/decisions/import/").status_code == status
