"""The register in the browser: a coordinator opens the list, filters it with the city
suggestions, opens an activity and saves an edit. Works whether or not the demo has activities:
the first one is registered through the form when the list is empty."""

import re

import pytest


def _register_one(page):
    """Register an activity through the form (the demo may not have any yet)."""
    page.goto("/register/new/")
    form = page.page
    form.select_option("#id_kind", "visit")
    form.fill("#id_title", "Delegation from Tallinn (browser test)")
    form.fill("#id_start_date", "2026-05-04")
    form.fill("#id_end_date", "2026-05-05")
    form.select_option("#id_unit", index=1)
    form.fill("#id_add_cities", "Tallinn")
    form.fill("#id_participant_count", "4")
    form.click("form.register-form button[type=submit]")
    form.wait_for_load_state("networkidle")
    assert "The activity was saved." in form.inner_text("main")


def test_coordinator_filters_the_register_opens_an_activity_and_saves_an_edit(open_page):
    page = open_page("en")
    page.sign_in("coordinator")
    response = page.goto("/register/")
    assert response.status == 200
    if page.page.locator(".register-table tbody tr").count() == 0:
        _register_one(page)
        page.goto("/register/")
    rows = page.page.locator(".register-table tbody tr")
    assert rows.count() >= 1
    page.screenshot("register-list-coordinator-en")

    # The city filter suggests cities as the person types (progressive enhancement).
    page.page.fill(".register-filters input[name=city]", "Tallin")
    suggestion = page.page.locator(".register-filters datalist option").first
    suggestion.wait_for(state="attached", timeout=5000)
    assert "Tallinn" in (suggestion.get_attribute("value") or "")
    page.page.fill(".register-filters input[name=city]", "")

    # Filter by the type of the first row.
    kind = rows.first.locator("td").nth(1).inner_text().strip()
    page.page.get_by_label(kind, exact=True).check()
    page.page.click(".register-filters button[type=submit]")
    page.page.wait_for_load_state("networkidle")
    assert "kind=" in page.page.url
    count_text = page.page.inner_text("#result-count")
    assert re.search(r"\d+ activit", count_text)
    for cell in page.page.locator(".register-table tbody tr td:nth-child(2)").all_inner_texts():
        assert cell.strip() == kind
    page.screenshot("register-list-filtered-en")

    page.page.locator(".register-table tbody tr a").first.click()
    page.page.wait_for_load_state("networkidle")
    assert page.page.locator("h1").count() == 1
    page.screenshot("register-activity-detail-en")

    page.page.click("text=Edit")
    page.page.wait_for_load_state("networkidle")
    outcomes = "Agreed on a follow-up meeting (browser test)."
    page.page.fill("#id_outcomes", outcomes)
    page.screenshot("register-activity-form-en")
    page.page.click("form.register-form button[type=submit]")
    page.page.wait_for_load_state("networkidle")
    main = page.page.inner_text("main")
    assert "The activity was saved." in main, main[:2000]
    assert outcomes in main
    page.screenshot("register-activity-after-edit-en")
    assert page.errors == []


def test_register_list_in_finnish_has_no_console_errors(open_page):
    page = open_page("fi")
    page.sign_in("editor")
    response = page.goto("/register/")
    if response.status == 404:
        pytest.skip("The register is not mounted in this build.")
    assert response.status == 200
    page.screenshot("register-list-editor-fi")
    assert page.errors == []
