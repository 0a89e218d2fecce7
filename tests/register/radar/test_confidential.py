"""A confidential activity is never shown to another unit through the radar: not on the radar
page, the dashboard, the activity's findings or the digest."""

import datetime

from django.core import mail
from django.urls import reverse

from citydiplomacy.register.services import radar
from tests.register.radar.test_findings import _trip

D = datetime.date
SECRET = "Secret merger talks"


def _setup(units, saved, brussels):
    secret = saved(
        lambda: _trip(units["a"], brussels, D(2030, 5, 4), SECRET, visibility="confidential")
    )
    saved(lambda: _trip(units["b"], brussels, D(2030, 5, 6), "Open fair visit"))
    return secret


def test_other_unit_never_sees_a_finding_with_a_confidential_activity(
    client, users, units, saved, brussels
):
    secret = _setup(units, saved, brussels)
    assert len(radar.open_findings(users["coordinator"])) == 1
    assert len(radar.open_findings(users["editor_a"])) == 1  # the owning unit
    for name in ("editor_b", "viewer", "partner"):
        assert list(radar.visible_findings(users[name])) == [], name

    client.force_login(users["editor_b"])
    for path in (reverse("register:radar"), reverse("register:radar") + "?dismissed=on", "/"):
        assert SECRET not in client.get(path).content.decode()
    assert radar.detail_findings(users["editor_b"], secret) == []
    finding = radar.visible_findings(users["coordinator"]).get()
    url = reverse("register:finding-dismiss", args=[finding.pk])
    assert client.get(url).status_code == 404

    client.force_login(users["editor_a"])
    assert SECRET in client.get(reverse("register:radar")).content.decode()


def test_digest_tells_the_other_unit_nothing_about_it(users, units, saved, brussels):
    for user in users.values():
        user.email = f"{user.username}@example.org"
        user.save()
    _setup(units, saved, brussels)
    radar.send_digest()
    recipients = {message.to[0].split("@")[0] for message in mail.outbox}
    assert recipients == {"coordinator", "admin", "editor_a"}
    assert all(SECRET in message.body for message in mail.outbox)


def test_confidential_activity_in_a_sub_unit_is_seen_by_the_division(users, units, saved, brussels):
    saved(
        lambda: _trip(units["a_dept"], brussels, D(2030, 5, 4), SECRET, visibility="confidential")
    )
    saved(lambda: _trip(units["b"], brussels, D(2030, 5, 6), "Open fair visit"))
    assert len(radar.open_findings(users["editor_a"])) == 1
    assert len(radar.open_findings(users["editor_b"])) == 0
