"""The UI speaks Finnish, Swedish and English; the language follows the browser or the switcher."""

import re
from pathlib import Path

import pytest

import citydiplomacy

LOCALE = Path(citydiplomacy.__file__).parent / "locale"


def _entries(language):
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    blocks = text.split("\n\n")[1:]  # the first block is the header
    return blocks


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalogue__every_string_translated_and_none_fuzzy(language):
    untranslated = [b for b in _entries(language) if re.search(r'\nmsgstr ""$', b.strip())]
    fuzzy = [b for b in _entries(language) if "#, fuzzy" in b]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalogue__compiled_file_is_newer_than_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    assert (folder / "django.mo").stat().st_size > 1000
    assert (folder / "django.mo").stat().st_mtime >= (folder / "django.po").stat().st_mtime - 1


@pytest.mark.parametrize(
    ("accept", "lang", "home_label", "plan_label"),
    [
        ("sv", "sv", "Hem", "Plan"),
        ("fi", "fi", "Etusivu", "Suunnitelma"),
        ("en", "en", "Home", "Plan"),
    ],
)
def test_home__language_follows_accept_language(db, client, accept, lang, home_label, plan_label):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    nav = html[html.index('class="site-nav"') : html.index("</nav>")]
    assert f">{home_label}</a>" in nav
    assert f">{plan_label}</a>" in nav


def test_language_switcher__sets_the_language_for_later_pages(db, client):
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"}, HTTP_ACCEPT_LANGUAGE="fi")
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert '<html lang="sv">' in html
    assert "Hoppa till innehållet" in html
