"""The plan in the browser: a coordinator records a status update and the objective's
rolled-up progress changes; the public sees only public items."""

import re


def _objective_progress(page, number):
    text = page.page.inner_text(f"#objective-{number} .objective__status")
    return int(re.search(r"(\d+) %", text).group(1))


def test_coordinator_records_a_status_update_and_progress_rolls_up(open_page):
    page = open_page("fi")
    page.sign_in("coordinator")
    page.goto("/plan/")
    before = _objective_progress(page, 1)
    page.screenshot("plan-tree-coordinator-fi")
    page.page.click("#objective-1 tbody tr:first-child a")
    page.page.wait_for_load_state("networkidle")
    page.page.select_option("#id_status", "completed")
    page.page.fill("#id_progress", "100")
    page.page.fill("#id_text", "Valmis selaintestissä.")
    page.screenshot("measure-update-form-fi")
    page.page.click("#update button[type=submit]")
    page.page.wait_for_load_state("networkidle")
    assert "Tilannepäivitys tallennettiin." in page.page.inner_text("main")
    assert "Valmis selaintestissä." in page.page.inner_text("#timeline-heading + ol")
    page.screenshot("measure-after-update-fi")
    page.goto("/plan/")
    assert _objective_progress(page, 1) > before
    assert page.errors == []


def test_measure_page_draws_indicator_charts(open_page):
    page = open_page("en")
    page.sign_in("viewer")
    page.goto("/plan/")
    page.page.click("#objective-1 tbody tr:first-child a")
    page.page.wait_for_load_state("networkidle")
    assert page.page.locator(".chart svg").count() >= 1
    page.screenshot("measure-charts-en")
    assert page.errors == []


def test_public_progress_page__no_internal_measures(open_page):
    page = open_page("sv")
    page.goto("/plan/")
    page.page.click("text=Offentlig uppföljningssida")
    page.page.wait_for_load_state("networkidle")
    text = page.page.inner_text("main")
    assert "Att attrahera investeringar och kompetens" in text
    assert "Årlig utvärdering av nätverksmedlemskap" not in text  # internal measure 6.1
    page.screenshot("public-progress-sv")
    assert page.errors == []
