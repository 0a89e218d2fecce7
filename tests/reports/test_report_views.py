"""The report in the app: a page with the choice of language and period, PDF and DOCX
downloads, and a 404 for a plan the reader may not see."""

import html

import pytest
from django.urls import reverse

from citydiplomacy.core.models import Visibility
from tests.factories import PlanFactory

from .conftest import OBJECTIVES, SECRET, docx_text, pdf_text

pytestmark = [pytest.mark.urls("tests.reports.urls"), pytest.mark.usefixtures("plan_sections_only")]


def _url(name, plan, **query):
    from urllib.parse import urlencode

    return reverse(f"reports:{name}", args=[plan.pk]) + (f"?{urlencode(query)}" if query else "")


def test_page__anonymous_reads_the_public_report_with_downloads(client, plan):
    response = client.get(_url("follow-up", plan, language="sv", start="2020-01-01"))

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert '<article class="report-preview" lang="sv"' in page
    for titles in OBJECTIVES:
        assert titles["sv"] in page
    assert SECRET["sv"] not in page
    assert f'{_url("follow-up-pdf", plan)}?language=sv&start=2020-01-01"' in page
    assert f'{_url("follow-up-docx", plan)}?language=sv&start=2020-01-01"' in page


def test_page__language_defaults_to_the_readers(client, plan):
    response = client.get(_url("follow-up", plan), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert OBJECTIVES[0]["en"] in response.content.decode()


def test_page__period_ending_before_it_starts_is_refused(client, plan):
    response = client.get(_url("follow-up", plan, start="2022-01-01", end="2021-01-01"))

    assert response.status_code == 400
    assert "report-preview" not in response.content.decode()
    assert response.context["form"].non_field_errors()


def test_pdf__download_for_the_signed_in_reader(client, plan, users):
    client.force_login(users["coordinator"])

    response = client.get(_url("follow-up-pdf", plan, language="en", end="2023-12-31"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="follow-up-report-{plan.pk}-en-2020-01-01-2023-12-31.pdf"'
    )
    text = pdf_text(response.content)
    assert OBJECTIVES[2]["en"] in text
    assert SECRET["en"] in text  # the coordinator may see it


def test_docx__download_leaves_out_what_the_reader_may_not_see(client, plan, users):
    client.force_login(users["editor_a"])

    response = client.get(_url("follow-up-docx", plan, language="fi"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = docx_text(response.content)
    assert OBJECTIVES[1]["fi"] in text
    assert SECRET["fi"] not in text


def test_download__bad_date_is_400(client, plan):
    response = client.get(_url("follow-up-pdf", plan, start="2020-02-30"))

    assert response.status_code == 400


@pytest.mark.parametrize("name", ["follow-up", "follow-up-pdf", "follow-up-docx"])
def test_plan_the_reader_may_not_see__404(client, units, users, name):
    internal = PlanFactory(unit=units["a"], visibility=Visibility.INTERNAL)
    confidential_b = PlanFactory(unit=units["b"], visibility=Visibility.CONFIDENTIAL)

    anonymous = client.get(_url(name, internal))
    client.force_login(users["editor_a"])
    editor_a = client.get(_url(name, confidential_b))
    own = client.get(_url(name, internal))

    assert anonymous.status_code == 404
    assert editor_a.status_code == 404
    assert own.status_code == 200
