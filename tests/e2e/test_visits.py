"""Visits in the browser: an anonymous person requests a visit in Swedish and gets a reference
and a Swedish e-mail; a coordinator sees it in the inbox with its explained score, accepts it,
builds a programme with a deliberate double booking that is flagged, downloads the programme
as PDF, marks the visit held and records an outcome."""

import email
import time
from datetime import date, timedelta
from email.header import decode_header, make_header
from pathlib import Path

MAIL_SEPARATOR = "-" * 79


def _mail_files(tmp_path_factory) -> list[Path]:
    return list(tmp_path_factory.getbasetemp().glob("demo-home*/var/mail/*"))


def _mails(tmp_path_factory) -> list:
    """Messages the demo server wrote with the file e-mail backend."""
    messages = []
    for path in _mail_files(tmp_path_factory):
        for chunk in path.read_text(encoding="utf-8", errors="replace").split(MAIL_SEPARATOR):
            if chunk.strip():
                messages.append(email.message_from_string(chunk.strip()))
    return messages


def _subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def _body(message) -> str:
    return message.get_payload()  # 8-bit text, read back as text


def _wait_for_mail(tmp_path_factory, reference, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in _mails(tmp_path_factory):
            if reference in _subject(message):
                return message
        time.sleep(1)
    homes = list(tmp_path_factory.getbasetemp().glob("demo-home*"))
    log = (homes[0] / "server.log").read_text()[-3000:] if homes else "no demo home"
    raise AssertionError(f"no e-mail about {reference} within {timeout} s\n{log}")


def test_request_in_swedish__coordinator_accepts_builds_programme_holds(
    open_page, tmp_path_factory
):
    start = date.today() + timedelta(days=60)
    public = open_page("sv")
    public.goto("/visits/request/")
    page = public.page
    page.fill("#id_organisation_name", "Göteborgs Stad")
    page.select_option("#id_organisation_type", "city")
    page.select_option("#id_country", label="Sverige")
    page.fill("#id_city_name", "Göteborg")
    page.fill("#id_delegation_size", "6")
    page.select_option("#id_leader_level", "mayor")
    page.fill("#id_desired_start", start.isoformat())
    page.fill("#id_desired_end", (start + timedelta(days=1)).isoformat())
    page.locator("input[name=themes]").first.check()
    page.fill("#id_purpose", "Vi vill lära oss om Helsingfors klimatarbete.")
    page.fill("#id_contact_name", "Karin Lind")
    page.fill("#id_contact_email", "karin.lind@example.se")
    page.check("#id_privacy_accepted")
    public.screenshot("visits-request-form-sv")
    page.click("form.visit-request-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    reference = page.inner_text("#visit-reference").strip()
    assert reference.startswith("V")
    assert reference in page.inner_text(".messages")  # the reference on screen
    public.screenshot("visits-request-sent-sv")
    assert public.errors == []

    message = _wait_for_mail(tmp_path_factory, reference)
    assert message["To"] == "karin.lind@example.se"
    assert _subject(message) == f"Er besöksbegäran {reference} har tagits emot"
    assert "Bästa Karin Lind" in _body(message)

    staff = open_page("en")
    staff.sign_in("coordinator")
    staff.goto("/visits/")
    row = staff.page.locator("tr", has_text=reference)
    assert row.count() == 1
    row_text = row.inner_text()
    assert "spearhead" in row_text  # the explained score
    staff.screenshot("visits-inbox-en")
    row.locator("a").first.click()
    staff.page.wait_for_load_state("networkidle")
    assert "Göteborgs Stad" in staff.page.inner_text("h1")
    assert staff.page.locator("#triage-reasons li").count() >= 7
    staff.screenshot("visits-request-detail-en")

    staff.page.click("form.visit-step-form:has(input[value=accepted]) button[type=submit]")
    staff.page.wait_for_load_state("networkidle")
    assert staff.page.inner_text("#visit-status") == "Accepted"

    day = start.isoformat()
    for title, begins, ends in (
        ("Welcome at City Hall", "09:00", "10:00"),
        ("Climate briefing", "09:30", "11:00"),  # the same host, overlapping: flagged
    ):
        staff.page.fill("#id_starts_at", f"{day}T{begins}")
        staff.page.fill("#id_ends_at", f"{day}T{ends}")
        staff.page.fill("#id_title", title)
        staff.page.fill("#id_venue", "City Hall" if "Welcome" in title else "Kalasatama")
        staff.page.fill("#id_host_name", "Deputy Mayor Anni Sinnemäki")
        staff.page.click("form.visit-item-form button[type=submit]")
        staff.page.wait_for_load_state("networkidle")
    programme = staff.page.inner_text("#programme")
    assert "Host Deputy Mayor Anni Sinnemäki double-booked" in programme
    assert "2 double bookings of hosts or venues." in programme
    staff.page.locator("#programme").scroll_into_view_if_needed()
    staff.screenshot("visits-programme-double-booking-en")

    with staff.page.expect_download() as download_info:
        staff.page.click("text=Programme as PDF")
    pdf_path = download_info.value.path()
    with open(pdf_path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    for status, label in (("confirmed", "Confirmed"), ("held", "Held")):
        staff.page.click(f"form.visit-step-form:has(input[value={status}]) button[type=submit]")
        staff.page.wait_for_load_state("networkidle")
        assert staff.page.inner_text("#visit-status") == label

    staff.page.select_option("#id_kind", "agreement")
    staff.page.fill("#id_description", "Memorandum of understanding on climate cooperation.")
    staff.page.click("#outcomes form button[type=submit]")
    staff.page.wait_for_load_state("networkidle")
    assert "Memorandum of understanding" in staff.page.inner_text("#outcomes")
    staff.screenshot("visits-outcome-recorded-en")
    assert staff.errors == []
