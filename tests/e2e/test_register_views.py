"""The register's views in the browser: a coordinator opens the map and the calendar. The map
draws its markers with the tile server offline (tiles answered locally, as the CSP still
applies to them), with no console errors and no CSP violations."""

import base64
import re

# A transparent 1×1 PNG stands in for every map tile: the browser tests run without internet.
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
TILES = re.compile(r"^https://([a-z]\.)?tile\.openstreetmap\.org/")


def test_coordinator_opens_the_map_and_a_marker_links_to_the_list(open_page):
    page = open_page("en")
    tiles = []

    def tile(route):
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)

    page.page.route(TILES, tile)
    page.sign_in("coordinator")
    response = page.goto("/register/map/")
    assert response.status == 200
    assert page.page.locator(".register-views [aria-current=page]").inner_text() == "Map"
    rows = page.page.locator(".map-countries tbody tr")
    assert rows.count() >= 1
    markers = page.page.locator("#register-map .map-marker")
    markers.first.wait_for(timeout=10000)
    assert markers.count() >= 1
    assert tiles, "the map asked for no tiles"
    page.screenshot("register-map-coordinator-en")

    page.page.locator("#register-map .map-marker:not(.map-marker--cluster)").first.click()
    popup = page.page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    assert re.search(r"\d+ activit", popup.inner_text())
    assert "country=" in (popup.locator("a").get_attribute("href") or "")
    page.screenshot("register-map-popup-en")
    assert page.errors == [], page.errors


def test_coordinator_opens_the_calendar_and_moves_a_month(open_page):
    page = open_page("fi")
    page.sign_in("coordinator")
    response = page.goto("/register/calendar/")
    assert response.status == 200
    grid = page.page.locator("table.calendar")
    assert grid.locator("thead th").count() == 7
    assert grid.locator("tbody tr").count() >= 4
    assert page.page.locator("td[aria-current=date]").count() == 1
    page.screenshot("register-calendar-coordinator-fi")
    # The grid fits the window: long titles are cut inside their day, not widening the page.
    width = page.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    heading = page.page.inner_text("#calendar-month")
    page.page.click("a[rel=next]")
    page.page.wait_for_load_state("networkidle")
    assert "month=" in page.page.url
    assert page.page.inner_text("#calendar-month") != heading
    assert page.errors == [], page.errors


def test_timeline_draws_its_chart(open_page):
    page = open_page("sv")
    page.sign_in("coordinator")
    assert page.goto("/register/timeline/").status == 200
    if page.page.locator(".timeline-chart").count():
        page.page.locator(".timeline-chart svg").first.wait_for(timeout=10000)
    page.screenshot("register-timeline-coordinator-sv")
    assert page.errors == [], page.errors


def test_views_have_no_serious_accessibility_violations(open_page):
    page = open_page("fi", bypass_csp=True)
    page.page.route(
        TILES, lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
    )
    page.sign_in("coordinator")
    for path in (
        "/register/calendar/",
        "/register/map/",
        "/register/timeline/",
        "/register/feeds/",
    ):
        assert page.goto(path).status == 200
        if path.endswith("feeds/"):
            page.page.fill("#feed-name", "Matkat")
            page.page.click("input[value=create] ~ button[type=submit]")
            page.page.wait_for_load_state("networkidle")
            page.screenshot("register-feeds-coordinator-fi")
        violations = page.axe_violations()
        assert violations == [], (path, [(v["id"], v["nodes"][0]["html"]) for v in violations])
