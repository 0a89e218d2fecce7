"""Browser tests: the real product (gunicorn, whitenoise, the demo) in Debian's headless Chromium.

One demo server per test session, in a temporary home with its own SQLite database.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("demo-home")
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DATABASE_URL", "TASKS_IMMEDIATE")
    }
    env |= {"CITYDIPLOMACY_HOME": str(home), "PORT": str(port), "WEB_CONCURRENCY": "2"}
    log = (home / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "citydiplomacy.cli", "run"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError((home / "server.log").read_text())
        time.sleep(0.5)
    yield url
    os.killpg(process.pid, 15)
    process.wait(timeout=30)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Browser tests need Debian's chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class Page:
    """A browser page that records console errors and saves screenshots as test artefacts."""

    def __init__(self, browser, base_url, language, bypass_csp=False):
        # The Content Security Policy stays on (its violations are console errors), except in
        # the accessibility checks, which inject axe-core into the page.
        self.context = browser.new_context(
            locale=language,
            extra_http_headers={"Accept-Language": language},
            bypass_csp=bypass_csp,
            viewport={"width": 1280, "height": 900},
        )
        self.page = self.context.new_page()
        self.base_url = base_url
        self.errors = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")
        return response

    def sign_in(self, username, password="demo"):
        self.goto("/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("form.form-narrow button[type=submit]")
        self.page.wait_for_load_state("networkidle")

    def screenshot(self, name):
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def axe_violations(self, impacts=("serious", "critical")):
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        return [v for v in result["violations"] if v["impact"] in impacts]

    def close(self):
        self.context.close()


@pytest.fixture
def open_page(browser, demo_server):
    pages = []

    def factory(language="fi", bypass_csp=False):
        page = Page(browser, demo_server, language, bypass_csp)
        pages.append(page)
        return page

    yield factory
    for page in pages:
        page.close()
