"""The product as a person meets it: sign-in per role, three languages, accessibility."""

import re
from pathlib import Path

import pytest

import citydiplomacy

LOCALE = Path(citydiplomacy.__file__).parent / "locale"


def _english_strings_translated_differently(language) -> set[str]:
    """English UI strings that should not appear on a page in ``language``."""
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', text, flags=re.M)
    return {msgid for msgid, msgstr in pairs if msgstr and msgstr != msgid and "%(" not in msgid}


def _untranslated(page, language) -> list[str]:
    english = _english_strings_translated_differently(language)
    lines = [line.strip() for line in page.page.inner_text("body").splitlines()]
    return [line for line in lines if line in english]


ROLES = {
    "coordinator": "Koordinaattori",
    "editor": "Yksikön muokkaaja",
    "viewer": "Lukija",
    "partner": "Kumppani",
    "admin": "Ylläpitäjä",
}


@pytest.mark.parametrize("username", sorted(ROLES))
def test_each_role_signs_in_and_sees_its_dashboard(open_page, username):
    page = open_page("fi")
    page.sign_in(username)
    body = page.page.inner_text("main")
    assert "Tervetuloa" in body
    assert ROLES[username] in body
    page.screenshot(f"home-{username}-fi")
    assert page.errors == []


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_home_in_each_language__translated_and_without_console_errors(open_page, language):
    page = open_page(language)
    page.goto("/")
    assert page.page.get_attribute("html", "lang") == language
    assert _untranslated(page, language) == [] if language != "en" else True
    page.screenshot(f"home-anonymous-{language}")
    page.sign_in("coordinator")
    page.goto("/")
    if language != "en":
        assert _untranslated(page, language) == []
    page.screenshot(f"home-coordinator-{language}")
    assert page.errors == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_plan_page__translated(open_page, language):
    page = open_page(language)
    page.goto("/plan/")
    assert page.page.locator(".objective-tree > li.objective").count() == 7
    assert _untranslated(page, language) == []
    page.screenshot(f"plan-{language}")
    assert page.errors == []


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/plan/"])
def test_accessibility__no_serious_or_critical_axe_violations(open_page, path):
    page = open_page("fi", bypass_csp=True)
    page.goto(path)
    violations = page.axe_violations()
    summary = [(v["id"], v["impact"], len(v["nodes"])) for v in violations]
    assert summary == []


def test_accessibility__signed_in_home_and_organisation(open_page):
    page = open_page("sv", bypass_csp=True)
    page.sign_in("coordinator")
    for path in ["/", "/organisation/", "/themes/"]:
        page.goto(path)
        violations = page.axe_violations()
        assert [(v["id"], len(v["nodes"])) for v in violations] == [], path
    page.screenshot("organisation-sv")


def test_keyboard__skip_link_moves_focus_to_main(open_page):
    page = open_page("en")
    page.goto("/")
    page.page.keyboard.press("Tab")
    focused = page.page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.page.keyboard.press("Enter")
    assert page.page.evaluate("document.activeElement.id") == "main-content"
