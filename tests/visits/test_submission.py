"""The public request form: a request stored with a reference and e-mailed in the
requester's language; bad input refused at the field with nothing stored."""

import pytest
from django.urls import reverse

from citydiplomacy.visits.models import SubmissionAttempt, Transition, VisitRequest

from .conftest import form_data, in_days

pytestmark = pytest.mark.django_db


def _post(client, data, language="sv", **extra):
    return client.post(reverse("visits:request"), data, HTTP_ACCEPT_LANGUAGE=language, **extra)


def test_form_page__open_to_anyone_in_three_languages(client, plan, intake):
    for language in ("fi", "sv", "en"):
        response = client.get(reverse("visits:request"), HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
    response = client.get(reverse("visits:request"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Request an international visit" in response.content.decode()
    assert "Privacy notice" in response.content.decode()


def test_submit__swedish__reference_on_screen_and_swedish_email(
    client, plan, intake, themes, outbox
):
    response = _post(client, form_data(themes=[themes["climate"].pk]), follow=True)
    assert response.status_code == 200
    visit = VisitRequest.objects.get()
    page = response.content.decode()
    assert visit.reference in page
    assert visit.language == "sv"
    assert visit.status == "received"
    assert visit.score is not None and visit.suggestion
    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["anna.berg@example.se"]
    assert visit.reference in message.subject
    assert "Er besöksbegäran" in message.subject
    assert visit.status_token in message.body
    assert Transition.objects.get(visit=visit).to_status == "received"


def test_status_page__only_with_the_secret_link(client, submit):
    visit = submit()
    response = client.get(reverse("visits:status", args=[visit.status_token]))
    assert response.status_code == 200
    assert visit.reference in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert client.get(reverse("visits:status", args=["x" * 43])).status_code == 404
    assert client.get(reverse("visits:status", args=[visit.status_token[:-1]])).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"desired_start": "2020-01-01", "desired_end": "2020-01-02"}, "desired_start", "future"),
        ({"desired_start": "31.2.2030"}, "desired_start", "valid date"),
        (
            {"desired_start": in_days(40).isoformat(), "desired_end": in_days(39).isoformat()},
            "desired_end",
            "before the first day",
        ),
        ({"desired_end": in_days(90).isoformat()}, "desired_end", "at most 14 days"),
        (
            {"desired_start": in_days(2000).isoformat(), "desired_end": in_days(2001).isoformat()},
            "desired_start",
            "within 2 years",
        ),
        ({"alternative_1_end": None}, "alternative_1_end", "both"),
        ({"delegation_size": "0"}, "delegation_size", "greater than or equal to 1"),
        ({"delegation_size": "5000"}, "delegation_size", "less than or equal to 200"),
        ({"delegation_size": "-3"}, "delegation_size", "greater than or equal to 1"),
        ({"purpose": "x" * 2001}, "purpose", "at most 2000 characters"),
        ({"organisation_name": "y" * 201}, "organisation_name", "at most 200 characters"),
        ({"organisation_name": "<b>Evil</b> Corp"}, "organisation_name", "without HTML"),
        ({"purpose": "Hello <script>alert(1)</script>"}, "purpose", "without HTML"),
        ({"wished_meetings": "<img src=x onerror=alert(1)>"}, "wished_meetings", "without HTML"),
        ({"city_name": "javascript:alert(1)"}, "city_name", "without HTML"),
        ({"contact_name": "</textarea><svg onload=1>"}, "contact_name", "without HTML"),
        ({"contact_email": "not-an-address"}, "contact_email", "valid email"),
        ({"contact_phone": "call me <maybe>"}, "contact_phone", "digits"),
        ({"privacy_accepted": None}, "privacy_accepted", "privacy notice"),
        ({"leader_level": "emperor"}, "leader_level", "valid choice"),
        ({"organisation_type": ""}, "organisation_type", "required"),
        ({"purpose": "null\x00byte"}, "purpose", "Null characters are not allowed"),
    ],
)
def test_bad_input__error_at_the_field__nothing_stored(
    client, plan, intake, outbox, overrides, field, message
):
    response = _post(client, form_data(**overrides), language="en")
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field]), errors[field]
    assert f'href="#id_{field}"' in response.content.decode()
    assert not VisitRequest.objects.exists()
    assert outbox == []


def test_markup_is_never_rendered_as_html(client, submit, users):
    visit = submit(purpose="Tre & fyra \"citat\" 'apostrof'")
    client.force_login(users["coordinator"])
    page = client.get(reverse("visits:detail", args=[visit.pk])).content.decode()
    assert "Tre &amp; fyra &quot;citat&quot; &#x27;apostrof&#x27;" in page


def test_honeypot__refused__nothing_stored(client, plan, intake, outbox):
    response = _post(client, form_data(website="http://spam.example"), language="en")
    assert response.status_code == 400
    assert "could not be sent" in response.content.decode()
    assert not VisitRequest.objects.exists()
    assert outbox == []


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(name, content, content_type="application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def test_attachment__pdf_by_content__stored_and_served_to_staff_only(client, plan, intake, users):
    response = _post(client, form_data(attachment=_upload("ohjelma.pdf", PDF)))
    assert response.status_code == 302
    visit = VisitRequest.objects.get()
    assert visit.attachment_type == "application/pdf"
    assert visit.attachment.name.rsplit("/", 1)[-1] == f"{visit.reference}.pdf"
    assert client.get(reverse("visits:attachment", args=[visit.pk])).status_code == 302  # login
    client.force_login(users["coordinator"])
    download = client.get(reverse("visits:attachment", args=[visit.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    client.force_login(users["editor_b"])
    assert client.get(reverse("visits:attachment", args=[visit.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cv.pdf", b"<html><script>alert(1)</script></html>"),  # named PDF, is HTML
        ("photo.png", b"MZ\x90\x00\x03\x00\x00\x00"),  # named PNG, is a Windows program
        ("notes.txt", b"<!doctype html><svg onload=alert(1)>"),
        ("macro.docx", b"PK\x03\x04 not really a document"),
        ("empty.pdf", b""),
    ],
)
def test_attachment__type_decided_by_content__refused(client, plan, intake, name, content):
    response = _post(
        client, form_data(attachment=_upload(name, content, "application/pdf")), language="en"
    )
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["attachment"])
    assert "not accepted" in errors or "empty" in errors
    assert not VisitRequest.objects.exists()


def test_attachment__too_large__refused(client, plan, intake):
    big = _upload("big.pdf", PDF + b"0" * (5 * 1024 * 1024))
    response = _post(client, form_data(attachment=big), language="en")
    assert response.status_code in (400, 413)
    assert "5 MB" in response.content.decode()
    assert not VisitRequest.objects.exists()


def test_rate_limit__five_requests_an_hour_per_address(client, plan, intake, outbox):
    for n in range(5):
        response = _post(client, form_data(organisation_name=f"Org {n}"))
        assert response.status_code == 302
    response = _post(client, form_data(organisation_name="Org 6"), language="en")
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert VisitRequest.objects.count() == 5
    # Another address is not affected.
    response = _post(client, form_data(organisation_name="Other"), REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302


def test_rate_limit__no_raw_address_stored(client, plan, intake):
    _post(client, form_data(), REMOTE_ADDR="198.51.100.23")
    attempt = SubmissionAttempt.objects.get()
    assert "198.51.100.23" not in attempt.client
    assert len(attempt.client) >= 40


def test_burst_of_500_posts_from_one_address(client, plan, intake, outbox):
    """At most five are stored; the rest are refused with 429 before any form work."""
    statuses = []
    for n in range(500):
        data = form_data(organisation_name=f"Burst {n}")
        statuses.append(_post(client, data).status_code)
    assert statuses[:5] == [302] * 5
    assert set(statuses[5:]) == {429}
    assert VisitRequest.objects.count() == 5
    assert len(outbox) == 5
