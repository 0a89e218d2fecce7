"""The tab bar of the register's views: the current tab, the filter carried to every view, the
exports and the feed."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from citydiplomacy.register.templatetags.register_views import optional_reverse, with_query

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/register/calendar/", "Calendar"),
        ("/register/map/", "Map"),
        ("/register/timeline/", "Timeline"),
        ("/register/", "List"),
    ],
)
def test_each_view_marks_its_tab_and_carries_the_filter(client, users, path, current):
    client.force_login(users["editor_a"])
    response = client.get(f"{path}?kind=visit&country=FI&page=2", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = response.content.decode()
    nav = text.split('<nav class="register-views"')[1].split("</nav>")[0]
    assert 'aria-current="page"><span class="hds-icon' in nav
    assert nav.split('aria-current="page">')[1].split("</a>")[0].endswith(current)
    for view in ("calendar/", "map/", "timeline/"):
        assert f'href="/register/{view}?kind=visit&amp;country=FI"' in nav
    assert 'href="/register/?kind=visit&amp;country=FI"' in nav
    assert "page=2" not in nav
    assert 'href="/register/export/?kind=visit&amp;country=FI&amp;format=csv"' in nav
    assert 'href="/register/export/?kind=visit&amp;country=FI&amp;format=xlsx"' in nav
    assert 'href="/register/feeds/?kind=visit&amp;country=FI"' in nav


def test_the_bar_renders_without_pages_that_do_not_exist_yet(users):
    assert optional_reverse("register:no-such-page") == ""
    assert with_query("", "kind=trip") == ""
    assert with_query("/register/map/", "kind=trip", month=None) == "/register/map/?kind=trip"
    request = RequestFactory().get("/register/calendar/?kind=trip")
    request.user = users["viewer"]
    html = render_to_string("register/_views_nav.html", {"active": "map"}, request=request)
    assert 'href="/register/map/?kind=trip" aria-current="page"' in html


def test_the_public_gets_no_feed_link(client):
    text = client.get("/register/calendar/").content.decode()
    assert "/register/feeds/" not in text
