"""The radar in the product: a saved activity is checked at once, findings are shown to the
people concerned, dismissed with a reason, and kept dismissed across scans."""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import translation

from citydiplomacy.register.models import FindingKind, RadarFinding
from citydiplomacy.register.services import radar
from tests.factories import ActivityFactory, PartnerOrganisationFactory

D = datetime.date


WORDS = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
    "kilo",
    "lima",
    "mike",
    "november",
    "oscar",
    "papa",
    "quebec",
    "romeo",
    "sierra",
    "tango",
    "uniform",
    "victor",
    "whiskey",
    "xray",
    "yankee",
    "zulu",
]
_made = itertools.count()


def _unlike_title() -> str:
    n = next(_made)
    words = [WORDS[(n * 7 + k * 11) % len(WORDS)] for k in range(3)]
    return f"{words[0].title()} {words[1]} {words[2]} mission {n}"


def _trip(unit, city, start, title=None, **extra):
    """A three-day trip; without a title, one unlike any other (no duplicate by chance)."""
    title = title or _unlike_title()
    activity = ActivityFactory(
        unit=unit,
        title=title,
        start_date=start,
        end_date=start + datetime.timedelta(days=2),
        **extra,
    )
    activity.cities.add(city)
    activity.countries.add(city.country)
    return activity


def _open(user):
    return list(radar.open_findings(user))


def test_saving_an_overlapping_activity_creates_a_finding_both_units_see(
    users, units, saved, brussels
):
    saved(lambda: _trip(units["a"], brussels, D(2030, 5, 4), "EU week lobbying"))
    assert _open(users["editor_a"]) == []
    saved(lambda: _trip(units["b"], brussels, D(2030, 5, 12), "Urban agenda partnership"))

    for user in ("editor_a", "editor_b", "coordinator"):
        findings = _open(users[user])
        assert [(f.kind, f.key_type) for f in findings] == [("overlap", "city")], user
    client_page = _page(users["editor_b"])
    assert "EU week lobbying" in client_page and "Bryssel" in client_page
    assert _open(users["partner"]) == []


def _page(user, path=None, **params):
    from django.test import Client

    client = Client()
    client.force_login(user)
    response = client.get(path or reverse("register:radar"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_activity_of_a_sub_unit_concerns_the_division(users, units, saved, brussels):
    saved(lambda: _trip(units["a_dept"], brussels, D(2030, 5, 4)))
    saved(lambda: _trip(units["b"], brussels, D(2030, 5, 6)))
    assert len(_open(users["editor_a"])) == 1


def test_same_unit_and_far_apart_are_no_finding(users, units, saved, brussels):
    saved(lambda: _trip(units["a"], brussels, D(2030, 5, 4)))
    saved(lambda: _trip(units["a"], brussels, D(2030, 5, 6)))
    saved(lambda: _trip(units["b"], brussels, D(2030, 7, 1)))
    assert _open(users["coordinator"]) == []


def test_moving_an_activity_away_resolves_its_finding(users, units, saved, brussels):
    saved(lambda: _trip(units["a"], brussels, D(2030, 5, 4)))
    moved = saved(lambda: _trip(units["b"], brussels, D(2030, 5, 6)))
    assert len(_open(users["coordinator"])) == 1

    def move():
        moved.start_date, moved.end_date = D(2030, 9, 1), D(2030, 9, 2)
        moved.save()

    saved(move)
    assert _open(users["coordinator"]) == []
    assert RadarFinding.objects.get().resolved_at is not None


def test_a_third_unit_joins_the_same_finding(users, units, saved, brussels, berlin):
    saved(lambda: _trip(units["a"], brussels, D(2030, 5, 4)))
    saved(lambda: _trip(units["b"], brussels, D(2030, 5, 6)))
    saved(lambda: _trip(units["a_dept"], brussels, D(2030, 5, 8)))
    findings = _open(users["coordinator"])
    assert len(findings) == 1
    assert findings[0].activities.count() == 3
    radar.full_scan()
    assert len(_open(users["coordinator"])) == 1


def test_duplicate_registration_is_found(users, units, saved, berlin):
    partner = PartnerOrganisationFactory(name="Berlin Partner")
    first = saved(
        lambda: _trip(units["a"], berlin, D(2030, 4, 20), "Smart city delegation to Berlin")
    )
    saved(lambda: first.partners.add(partner))
    saved(lambda: _trip(units["a"], berlin, D(2030, 4, 20), "Smart City delegation to Berlin 2026"))
    kinds = {f.kind for f in _open(users["editor_a"])}
    assert kinds == {FindingKind.DUPLICATE}  # same unit: no overlap, but a duplicate


def test_cancelled_activities_are_left_out(users, units, saved, brussels):
    saved(lambda: _trip(units["a"], brussels, D(2030, 5, 4)))
    saved(lambda: _trip(units["b"], brussels, D(2030, 5, 6), status="cancelled"))
    assert _open(users["coordinator"]) == []
    radar.full_scan()
    assert _open(users["coordinator"]) == []


def test_dismissing_with_a_reason_hides_it_and_a_rescan_does_not_bring_it_back(
    client, users, units, saved, brussels
):
    saved(lambda: _trip(units["a"], brussels, D(2030, 5, 4)))
    saved(lambda: _trip(units["b"], brussels, D(2030, 5, 6)))
    finding = RadarFinding.objects.get()
    client.force_login(users["editor_b"])
    url = reverse("register:finding-dismiss", args=[finding.pk])

    refused = client.post(url, {"reason": "  "}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400
    assert "Give a reason for dismissing the finding." in refused.content.decode()
    assert _open(users["editor_b"]) == [finding]

    response = client.post(url, {"reason": "Different meetings, agreed by phone"})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.dismissed_by == users["editor_b"]
    assert finding.dismiss_reason == "Different meetings, agreed by phone"
    assert _open(users["editor_a"]) == []
    assert _open(users["coordinator"]) == []

    radar.full_scan()
    assert _open(users["coordinator"]) == []
    assert RadarFinding.objects.count() == 1
    # Saving one of the activities again does not bring it back either.
    activity = finding.activities.first()
    saved(lambda: activity.save())
    assert _open(users["coordinator"]) == []

    dismissed_page = _page(users["editor_a"], dismissed="on")
    assert "Different meetings, agreed by phone" in dismissed_page


def test_a_new_activity_joining_a_dismissed_overlap_is_a_new_finding(users, units, saved, brussels):
    saved(lambda: _trip(units["a"], brussels, D(2030, 5, 4)))
    saved(lambda: _trip(units["b"], brussels, D(2030, 5, 6)))
    radar.dismiss(RadarFinding.objects.get(), users["coordinator"], "known")
    saved(lambda: _trip(units["a_dept"], brussels, D(2030, 5, 5)))
    assert len(_open(users["coordinator"])) == 1


def test_only_people_concerned_or_coordinators_may_dismiss(client, users, units, saved, brussels):
    other = saved(lambda: __import__("tests.factories").factories.UnitFactory(code="division-c"))
    saved(lambda: _trip(units["a"], brussels, D(2030, 5, 4)))
    saved(lambda: _trip(other, brussels, D(2030, 5, 6)))
    finding = RadarFinding.objects.get()
    url = reverse("register:finding-dismiss", args=[finding.pk])
    client.force_login(users["editor_b"])  # division B is not concerned
    assert client.post(url, {"reason": "not mine"}).status_code == 404
    client.force_login(users["partner"])
    assert client.post(url, {"reason": "not mine"}).status_code == 404
    client.force_login(users["coordinator"])
    assert client.post(url, {"reason": "fine"}).status_code == 302


def test_radar_page_filters_by_kind_and_unit(client, users, units, saved, brussels, berlin):
    saved(lambda: _trip(units["a"], brussels, D(2030, 5, 4), "EU lobbying week"))
    saved(lambda: _trip(units["b"], brussels, D(2030, 5, 6), "Urban agenda meeting"))
    saved(lambda: _trip(units["a"], berlin, D(2030, 6, 4), "Berlin fair"))
    saved(lambda: _trip(units["a"], berlin, D(2030, 6, 4), "Berlin fair 2026"))
    everything = _page(users["coordinator"])
    assert "Urban agenda meeting" in everything and "Berlin fair 2026" in everything
    only_duplicates = _page(users["coordinator"], kind="duplicate")
    assert "Urban agenda meeting" not in only_duplicates and "Berlin fair 2026" in only_duplicates
    only_b = _page(users["coordinator"], unit=units["b"].pk)
    assert "Urban agenda meeting" in only_b and "Berlin fair 2026" not in only_b


def test_partners_and_anonymous_have_no_radar(client, users):
    client.force_login(users["partner"])
    assert client.get(reverse("register:radar")).status_code == 403
    client.logout()
    assert client.get(reverse("register:radar")).status_code == 302


def test_dashboard_shows_the_findings_of_the_user(client, users, units, saved, brussels):
    saved(lambda: _trip(units["a"], brussels, D(2030, 5, 4)))
    saved(lambda: _trip(units["b"], brussels, D(2030, 5, 6)))
    client.force_login(users["editor_a"])
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Coordination radar" in page
    assert "Overlap: Brussels" in page
    assert reverse("register:radar") in page


def test_activity_detail_fragment_lists_its_findings(users, units, saved, brussels):
    from django.template.loader import render_to_string

    first = saved(lambda: _trip(units["a"], brussels, D(2030, 5, 4), "Fragment trip A"))
    saved(lambda: _trip(units["b"], brussels, D(2030, 5, 6), "Fragment trip B"))
    with translation.override("en"):
        html = render_to_string(
            "register/_detail_radar.html",
            {"radar_findings": radar.detail_findings(users["editor_a"], first)},
        )
    assert "Fragment trip B" in html and "Coordination radar" in html


def test_suspended_radar_checks_nothing_then_scans_once(users, units, saved, brussels):
    def bulk():
        with radar.radar_suspended():
            _trip(units["a"], brussels, D(2030, 5, 4))
            _trip(units["b"], brussels, D(2030, 5, 6))
            assert RadarFinding.objects.count() == 0

    saved(bulk)
    assert len(_open(users["coordinator"])) == 1


def test_deleting_an_activity_resolves_its_findings(users, units, saved, brussels):
    saved(lambda: _trip(units["a"], brussels, D(2030, 5, 4)))
    second = saved(lambda: _trip(units["b"], brussels, D(2030, 5, 6)))
    saved(second.delete)
    assert _open(users["coordinator"]) == []


@pytest.mark.parametrize("user", ["editor_a", "viewer"])
def test_management_command_scans(user, users, units, brussels):
    from django.core.management import call_command

    _trip(units["a"], brussels, D(2030, 5, 4))
    _trip(units["b"], brussels, D(2030, 5, 6))
    assert _open(users[user]) == []  # no commit in this test, so nothing was checked yet
    call_command("citydiplomacy_radar_scan")
    assert len(_open(users[user])) == 1
