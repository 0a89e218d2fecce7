"""The public travel register and the plan-vs-activity alignment page in the browser: both
render, the alignment chart is drawn, and the strict CSP reports no violation."""


def test_public_travel_register__no_sign_in_needed(open_page):
    page = open_page("fi")
    response = page.goto("/register/travel-register/")
    assert response.status == 200
    assert page.page.locator("h1").count() == 1
    assert page.page.locator("table.travel-register, main p.muted").count() >= 1
    page.page.click("summary")  # the rule of what is shown opens
    assert page.page.locator(".travel-register__rule p").is_visible()
    page.screenshot("travel-register-fi")
    assert page.errors == []


def test_travel_register_in_english__filter_and_csv_link(open_page):
    page = open_page("en")
    page.goto("/register/travel-register/?person=Mayor")
    assert "Travel register" in page.page.inner_text("h1")
    assert "format=csv" in page.page.get_attribute("a[download]", "href")
    page.screenshot("travel-register-en")
    assert page.errors == []


def test_alignment_page__chart_drawn_tables_shown(open_page):
    page = open_page("en")
    page.sign_in("coordinator")
    response = page.goto("/register/alignment/")
    assert response.status == 200
    page.page.wait_for_selector("[data-chart=alignment-drift] svg")
    assert page.page.locator(".alignment-table").count() == 2
    page.screenshot("alignment-coordinator-en")
    page.goto("/register/alignment/?dimension=place&metric=cost")
    page.page.wait_for_selector("[data-chart=alignment-drift] svg")
    page.screenshot("alignment-by-region-cost-en")
    assert page.errors == []
