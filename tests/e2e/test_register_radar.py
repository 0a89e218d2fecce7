"""The coordination radar in the browser: a coordinator sees the demo's findings on the
dashboard, opens the radar and dismisses one with a reason."""

import re


def _open_count(page) -> int:
    return int(re.search(r"(\d+)", page.page.inner_text(".radar-count")).group(1))


def test_coordinator_sees_radar_findings_and_dismisses_one(open_page):
    page = open_page("en")
    page.sign_in("coordinator")
    page.goto("/")
    panel = page.page.locator("section[aria-labelledby=radar-heading]")
    assert panel.count() == 1
    assert panel.locator("li").count() >= 1
    page.screenshot("radar-dashboard-coordinator-en")

    panel.locator("a", has_text="All radar findings").click()
    page.page.wait_for_load_state("networkidle")
    before = _open_count(page)
    assert before > 0
    assert page.page.locator(".radar-finding--overlap").count() >= 1
    page.screenshot("radar-findings-coordinator-en")

    first = page.page.locator(".radar-finding").first
    finding_id = first.get_attribute("id")
    first.locator("button[type=submit]").click()  # no reason: the browser refuses to send
    assert page.page.locator(f"#{finding_id}").count() == 1
    first.locator("input[name=reason]").fill("Agreed with both units, nothing to coordinate.")
    first.locator("button[type=submit]").click()
    page.page.wait_for_load_state("networkidle")
    assert "The finding was dismissed." in page.page.inner_text("main")
    assert page.page.locator(f"#{finding_id}").count() == 0
    assert _open_count(page) == before - 1

    page.goto("/register/radar/?dismissed=on")
    assert "Agreed with both units, nothing to coordinate." in page.page.inner_text("main")
    page.screenshot("radar-dismissed-coordinator-en")
    assert page.errors == []


def test_radar_page_in_finnish_for_a_unit_editor(open_page):
    page = open_page("fi")
    page.sign_in("editor")
    page.goto("/register/radar/")
    assert page.page.locator("h1").count() == 1
    page.screenshot("radar-findings-editor-fi")
    assert page.errors == []
